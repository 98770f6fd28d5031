#!/bin/sh
# Builds the HTTP parser harness (Fuzz/HTTP/HTTPParserFuzzer.swift) with the
# parser's own files, into Fuzz/HTTP/.build/HTTPParserFuzzer (about a minute).
set -e
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
mkdir -p "$here/.build"
swiftc -O -sanitize=fuzzer,address -parse-as-library \
    "$root"/Sources/CoinageServer/HTTP/HTTPHead.swift \
    "$root"/Sources/CoinageServer/HTTP/HTTPRequestParser.swift \
    "$root"/Sources/CoinageServer/HTTP/ChunkedBodyDecoder.swift \
    "$root"/Sources/CoinageServer/HTTP/HTTPLimits.swift \
    "$root"/Sources/CoinageServer/HTTP/HTTPStatus.swift \
    "$root"/Sources/CoinageServer/HTTP/HTTPRequest.swift \
    "$here/HTTPParserFuzzer.swift" -o "$here/.build/HTTPParserFuzzer"
