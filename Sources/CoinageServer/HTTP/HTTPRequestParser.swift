/// What the parser has after the bytes it was given.
public enum HTTPParseStep: Equatable, Sendable {
    /// More bytes are needed.
    case incomplete
    /// A whole request; the bytes after it stay for the next one.
    case request(HTTPRequest)
    /// The bytes are not a request the server takes. The connection is answered
    /// with the error and closed: nothing after a bad request can be trusted.
    case failure(HTTPError)
}

/// An incremental HTTP/1.x request parser: bytes in, requests or a precise error
/// out. It does no I/O, so it is tested as a value: any split of the same bytes
/// into chunks gives the same requests.
///
/// It never holds more of a request than `limits` allow: the request line, the
/// header lines and the body are each refused as soon as they are known to be too
/// long, not once they have arrived.
public struct HTTPRequestParser {
    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var start = 0
    /// Where the search for the end of the head resumes: bytes before it were searched.
    private var scanned = 0
    private var head: HTTPHead?
    private var chunked = ChunkedBodyDecoder()
    private var failure: HTTPError?

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Whether a request has begun and not ended: bytes are waiting, or a head
    /// waits for its body.
    public var isMidRequest: Bool { head != nil || buffer.count > start }

    /// Whether a head with `Expect: 100-continue` waits for its body: the time to
    /// send `100 Continue`.
    public var awaitsContinue: Bool { head?.expectsContinue == true }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next request of the bytes given so far, or what stops it.
    public mutating func next() -> HTTPParseStep {
        if let failure { return .failure(failure) }
        let step = advance()
        if case .failure(let error) = step { failure = error }
        return step
    }

    private mutating func advance() -> HTTPParseStep {
        if head == nil {
            switch readHead() {
            case .failure(let error): return .failure(error)
            case .success(nil): return .incomplete
            case .success(let parsed?): head = parsed
            }
        }
        guard let current = head else { return .incomplete }
        var body: [UInt8] = []
        switch current.framing {
        case .none:
            break
        case .length(let length):
            guard buffer.count - start >= length else { return .incomplete }
            body = Array(buffer[start..<(start + length)])
            start += length
        case .chunked:
            switch chunked.decode(buffer, from: &start, limits: limits) {
            case .failure(let error): return .failure(error)
            case .success(nil): compact(); return .incomplete
            case .success(let decoded?): body = decoded
            }
            chunked = ChunkedBodyDecoder()
        }
        head = nil
        compact()
        return .request(HTTPRequest(method: current.method, target: current.target, minorVersion: current.minorVersion,
                                    headers: current.headers, body: body, keepAlive: current.keepAlive,
                                    expectsContinue: current.expectsContinue))
    }

    /// Drops the bytes read, so the buffer holds only what is still to come.
    private mutating func compact() {
        guard start > 0 else { return }
        buffer.removeSubrange(0..<start)
        scanned = max(0, scanned - start)
        start = 0
    }

    /// The head, once its blank line has arrived; nil while it has not. Empty lines
    /// before a request line are passed over, as RFC 9112 asks of a server.
    private mutating func readHead() -> Result<HTTPHead?, HTTPError> {
        while buffer.count - start >= 2, buffer[start] == 13, buffer[start + 1] == 10 { start += 2 }
        if buffer.count - start == 1, buffer[start] == 13 { return .success(nil) }
        scanned = max(scanned, start)
        // A request line still arriving is refused only for what the whole line would
        // be refused for first (HTTPHead.requestLine checks these two before anything
        // else), so every split of the bytes gets the same answer.
        guard let lineEnd = Self.crlf(in: buffer, from: start) else {
            let window = limits.maxRequestLineBytes + 2
            if buffer[start...].prefix(window).contains(10) { return .failure(HTTPHead.bareLineFeed) }
            if buffer.count - start >= window { return .failure(HTTPHead.lineTooLong(limits)) }
            return .success(nil)
        }
        let requestLine: (String, String, Int)
        switch HTTPHead.requestLine(buffer[start..<lineEnd], limits: limits) {
        case .failure(let error): return .failure(error)
        case .success(let line): requestLine = line
        }
        let headersStart = lineEnd + 2
        // The head ends at an empty line: right after the request line, or at CRLFCRLF.
        var headEnd: Int?
        if buffer.count - headersStart >= 2, buffer[headersStart] == 13, buffer[headersStart + 1] == 10 {
            headEnd = headersStart
        } else {
            var index = max(headersStart, scanned - 3)
            while index + 3 < buffer.count {
                if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13, buffer[index + 3] == 10 {
                    headEnd = index + 2
                    break
                }
                index += 1
            }
            scanned = max(scanned, index)
        }
        guard let end = headEnd else {
            // The blank line may straddle what has arrived: its first byte may be the last one here.
            if buffer.count - headersStart - 1 > limits.maxHeaderBytes {
                return .failure(.headersTooLarge("the header lines are longer than \(limits.maxHeaderBytes) bytes, the most a request may send"))
            }
            return .success(nil)
        }
        if end - headersStart > limits.maxHeaderBytes {
            return .failure(.headersTooLarge("the header lines are longer than \(limits.maxHeaderBytes) bytes, the most a request may send"))
        }
        var headers: [HTTPHeader] = []
        var lineStart = headersStart
        while lineStart < end {
            guard let lineStop = Self.crlf(in: buffer, from: lineStart) else { break }
            if headers.count == limits.maxHeaderCount {
                return .failure(.headersTooLarge("the request has more than \(limits.maxHeaderCount) header lines, the most it may send"))
            }
            switch HTTPHead.headerLine(buffer[lineStart..<lineStop]) {
            case .failure(let error): return .failure(error)
            case .success(let header): headers.append(header)
            }
            lineStart = lineStop + 2
        }
        start = end + 2
        return HTTPHead.make(method: requestLine.0, target: requestLine.1, minorVersion: requestLine.2, headers: headers,
                             limits: limits).map { Optional($0) }
    }

    /// The index of the next CRLF at or after `from`. A lone CR or LF is no line end:
    /// it is left in the line, whose reader refuses it as a control character.
    static func crlf(in bytes: [UInt8], from: Int) -> Int? {
        var index = from
        while index + 1 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }
}
