/// Decodes a chunked body (RFC 9112 §7.1) as its bytes arrive: chunk-size lines,
/// chunk data, the last chunk and its trailers, which are read and dropped.
///
/// It consumes only whole pieces (a size line, a run of data, a trailer line), so
/// it resumes where it stopped whatever the split of the bytes.
struct ChunkedBodyDecoder {
    private enum Phase {
        case size
        case data(remaining: Int)
        case dataEnd
        case trailers(bytes: Int)
    }

    private var phase = Phase.size
    private var body: [UInt8] = []

    /// Reads from `start` on, moving it past what was consumed; the body once the
    /// last chunk's trailers have ended, nil while more bytes are needed.
    mutating func decode(_ buffer: [UInt8], from start: inout Int, limits: HTTPLimits) -> Result<[UInt8]?, HTTPError> {
        while true {
            switch phase {
            case .size:
                // Limits are checked as the whole line would be checked first, and a
                // line still arriving is refused only when its end cannot bring it under.
                guard let end = HTTPRequestParser.crlf(in: buffer, from: start) else {
                    if buffer.count - start - 1 > HTTPLimits.maxChunkSizeLineBytes { return .failure(Self.sizeLineTooLong) }
                    return .success(nil)
                }
                let line = buffer[start..<end]
                if line.count > HTTPLimits.maxChunkSizeLineBytes { return .failure(Self.sizeLineTooLong) }
                let digits = line.prefix { Self.hexValue($0) != nil }
                guard !digits.isEmpty else { return .failure(.malformed("a chunk does not start with its size in hex")) }
                let rest = line.dropFirst(digits.count).drop { $0 == space || $0 == tab }
                guard rest.isEmpty || rest.first == UInt8(ascii: ";") else {
                    return .failure(.malformed("a chunk size is followed by something other than an extension"))
                }
                guard rest.allSatisfy({ $0 == tab || $0 >= 0x20 && $0 != 0x7F }) else {
                    return .failure(.malformed("a chunk extension has a control character"))
                }
                let significant = digits.drop { $0 == UInt8(ascii: "0") }
                if significant.count > 15 { return .failure(.bodyTooLarge(limits.maxBodyBytes)) }
                let size = significant.reduce(0) { $0 * 16 + (Self.hexValue($1) ?? 0) }
                if size > limits.maxBodyBytes - body.count { return .failure(.bodyTooLarge(limits.maxBodyBytes)) }
                start = end + 2
                phase = size == 0 ? .trailers(bytes: 0) : .data(remaining: size)
            case .data(let remaining):
                let available = min(remaining, buffer.count - start)
                guard available > 0 else { return .success(nil) }
                body.append(contentsOf: buffer[start..<(start + available)])
                start += available
                phase = remaining == available ? .dataEnd : .data(remaining: remaining - available)
            case .dataEnd:
                guard buffer.count - start >= 2 else { return .success(nil) }
                guard buffer[start] == 13, buffer[start + 1] == 10 else {
                    return .failure(.malformed("a chunk's data is not followed by CRLF"))
                }
                start += 2
                phase = .size
            case .trailers(let bytes):
                guard let end = HTTPRequestParser.crlf(in: buffer, from: start) else {
                    // Two bytes or more that are not CRLF are a trailer line, whose end adds at least one.
                    if buffer.count - start >= 2, bytes + buffer.count - start + 1 > limits.maxHeaderBytes {
                        return .failure(Self.trailersTooLarge(limits))
                    }
                    return .success(nil)
                }
                if end == start {
                    start += 2
                    return .success(body)
                }
                let total = bytes + end - start + 2
                if total > limits.maxHeaderBytes { return .failure(Self.trailersTooLarge(limits)) }
                if case .failure(let error) = HTTPHead.headerLine(buffer[start..<end]) { return .failure(error) }
                start = end + 2
                phase = .trailers(bytes: total)
            }
        }
    }

    private static let sizeLineTooLong = HTTPError.malformed("a chunk-size line is longer than \(HTTPLimits.maxChunkSizeLineBytes) bytes")

    private static func trailersTooLarge(_ limits: HTTPLimits) -> HTTPError {
        .headersTooLarge("the trailers are longer than \(limits.maxHeaderBytes) bytes, the most a request may send")
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - 55)
        default: nil
        }
    }
}
