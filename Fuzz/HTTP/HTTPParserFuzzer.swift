/// libFuzzer harness for the HTTP request parser of `coinage serve`
/// (`Sources/CoinageServer/HTTP`), built by `Fuzz/HTTP/build.sh` from those files
/// alone: the parser imports only the standard library.
///
/// The first byte picks the size of the pieces the rest is given in (1 to 17);
/// the rest is what a client sends. Invariants:
/// - the parser never crashes, whatever the bytes;
/// - a refusal is a 4xx or 5xx;
/// - no body is longer than the limit;
/// - the bytes given whole and given in pieces give the same requests and the
///   same end (the property `HTTPParserPropertyTests` checks on fixed inputs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = bytes.first else { return 0 }
    let input = Array(bytes.dropFirst())
    // Small limits, so short inputs reach every limit's refusal.
    let limits = HTTPLimits(maxBodyBytes: 200, maxHeaderBytes: 300, maxHeaderCount: 6, maxTargetBytes: 40)

    func parse(inPiecesOf piece: Int) -> ([HTTPRequest], HTTPParseStep) {
        var parser = HTTPRequestParser(limits: limits)
        var requests: [HTTPRequest] = []
        var offset = 0
        while offset < input.count {
            let end = min(input.count, offset + piece)
            parser.append(input[offset..<end])
            offset = end
            drain: while true {
                switch parser.next() {
                case .request(let request):
                    precondition(request.body.count <= limits.maxBodyBytes, "a body past the limit")
                    requests.append(request)
                case .incomplete:
                    break drain
                case .failure(let error):
                    precondition((400...599).contains(error.status.code), "a refusal that is not 4xx or 5xx")
                    return (requests, .failure(error))
                }
            }
        }
        return (requests, parser.next())
    }

    let whole = parse(inPiecesOf: max(1, input.count))
    let split = parse(inPiecesOf: Int(first % 17) + 1)
    precondition(whole.0 == split.0 && whole.1 == split.1, "the pieces parse differently from the whole")
    return 0
}
