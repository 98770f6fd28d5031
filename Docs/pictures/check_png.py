#!/usr/bin/env python3
"""Checks that PNG screenshots rendered: each file exists, is a PNG of sane size,
and is not one blank colour. Standard library only: reads the chunks, inflates
IDAT with zlib and undoes the row filters.

usage: check_png.py [--dark] FILE.png...
--dark also requires the picture to be mostly dark (a page in its dark scheme).
"""
import struct
import sys
import zlib

MIN_WIDTH, MIN_HEIGHT = 400, 300
MAX_SIDE = 10_000
# A rendered page has text, bars and lines: many colours, and more than a sliver
# of pixels that differ from the background.
MIN_COLOURS = 8
MIN_INK_SHARE = 0.005


def read_png(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    position, idat, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        position += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check(path, dark):
    width, height, channels, rows = read_png(path)
    if not (MIN_WIDTH <= width <= MAX_SIDE and MIN_HEIGHT <= height <= MAX_SIDE):
        return f"{path}: {width}x{height} is not a sane size"
    colours, ink, total, brightness = {}, 0, 0, 0
    background = rows[0][:3]
    for row in rows[::2]:
        for x in range(0, width * channels, channels * 2):
            pixel = row[x:x + 3]
            colours[pixel] = colours.get(pixel, 0) + 1
            total += 1
            brightness += sum(pixel)
            if pixel != background:
                ink += 1
    if len(colours) < MIN_COLOURS or ink / total < MIN_INK_SHARE:
        return f"{path}: blank ({len(colours)} colours, {ink / total:.2%} of pixels differ from the background)"
    mean = brightness / total / 3
    if dark and mean > 128:
        return f"{path}: expected the dark scheme, mean brightness is {mean:.0f}"
    print(f"{path}: {width}x{height}, {len(colours)} colours, {ink / total:.1%} ink, mean brightness {mean:.0f}")
    return None


def main(arguments):
    dark = "--dark" in arguments
    paths = [argument for argument in arguments if argument != "--dark"]
    failures = []
    for path in paths:
        try:
            failure = check(path, dark)
        except (OSError, ValueError, zlib.error) as error:
            failure = f"{path}: {error}"
        if failure:
            failures.append(failure)
    for failure in failures:
        print("render check: " + failure, file=sys.stderr)
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
