/// How a request's body is framed, decided from its head.
enum BodyFraming: Equatable {
    case none
    case length(Int)
    case chunked
}

/// The head of a request, read from its request line and header lines, and the
/// framing of its body. Parsing it is a pure function of the bytes.
struct HTTPHead {
    var method: String
    var target: String
    var minorVersion: Int
    var headers: [HTTPHeader]
    var framing: BodyFraming
    var keepAlive: Bool
    var expectsContinue: Bool

    /// Methods whose request must say how long its body is (411 otherwise).
    static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]

    /// Reads the request line: `METHOD SP target SP HTTP/1.x`, single spaces.
    static func requestLine(_ line: ArraySlice<UInt8>, limits: HTTPLimits) -> Result<(String, String, Int), HTTPError> {
        // A bare line feed counts only within the bytes that could still be a line of
        // the limit: a parser that has seen no more than those decides the same.
        if line.prefix(limits.maxRequestLineBytes + 2).contains(10) { return .failure(bareLineFeed) }
        if line.count > limits.maxRequestLineBytes { return .failure(lineTooLong(limits)) }
        guard let firstSpace = line.firstIndex(of: space) else { return .failure(.malformed("the request line has no target")) }
        let method = line[line.startIndex..<firstSpace]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else {
            return .failure(.malformed("the method is not a token"))
        }
        let rest = line[(firstSpace + 1)...]
        guard let secondSpace = rest.firstIndex(of: space) else { return .failure(.malformed("the request line has no version")) }
        let target = rest[rest.startIndex..<secondSpace]
        if target.count > limits.maxTargetBytes {
            return .failure(HTTPError(.uriTooLong, "url_too_long", "the url is longer than \(limits.maxTargetBytes) bytes, the most a request may send"))
        }
        guard target.first == slash || (target.elementsEqual("*".utf8)),
              target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(.malformed("the target must be a path starting with `/`, in visible ASCII"))
        }
        let version = rest[(secondSpace + 1)...]
        guard version.count == 8, version.starts(with: "HTTP/".utf8) else {
            return .failure(.malformed("the request line must end with `HTTP/1.1` or `HTTP/1.0`"))
        }
        let digits = Array(version.suffix(3))
        guard isDigit(digits[0]), digits[1] == UInt8(ascii: "."), isDigit(digits[2]) else {
            return .failure(.malformed("the request line must end with `HTTP/1.1` or `HTTP/1.0`"))
        }
        guard digits[0] == UInt8(ascii: "1"), digits[2] <= UInt8(ascii: "1") else {
            return .failure(HTTPError(.versionNotSupported, "version_not_supported", "only HTTP/1.0 and HTTP/1.1 are served"))
        }
        return .success((String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), Int(digits[2] - 48)))
    }

    static let bareLineFeed = HTTPError.malformed("lines must end with CRLF, not a bare line feed")

    static func lineTooLong(_ limits: HTTPLimits) -> HTTPError {
        HTTPError(.uriTooLong, "url_too_long",
                  "the request line is longer than \(limits.maxRequestLineBytes) bytes; a url may have \(limits.maxTargetBytes)")
    }

    /// Reads one header line: `name: value`, a token name and no space before the colon.
    static func headerLine(_ line: ArraySlice<UInt8>) -> Result<HTTPHeader, HTTPError> {
        if let first = line.first, first == space || first == tab {
            return .failure(.malformed("a header line starts with white space (obsolete line folding is not taken)"))
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            return .failure(.malformed("a header line has no `:`"))
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            return .failure(.malformed("a header name is empty or has a character a token cannot have"))
        }
        var value = line[(colon + 1)...]
        while let first = value.first, first == space || first == tab { value = value.dropFirst() }
        while let last = value.last, last == space || last == tab { value = value.dropLast() }
        guard value.allSatisfy({ $0 == tab || $0 >= 0x20 && $0 != 0x7F }) else {
            return .failure(.malformed("the value of `\(String(decoding: name, as: UTF8.self))` has a control character"))
        }
        return .success(HTTPHeader(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
    }

    /// The head of a request from its parsed lines: framing, keep-alive and `Expect`
    /// decided as RFC 9112 says, refusing what would let two readers disagree on
    /// where the body ends (both `Content-Length` and `Transfer-Encoding`, two
    /// different lengths).
    static func make(method: String, target: String, minorVersion: Int, headers: [HTTPHeader],
                     limits: HTTPLimits) -> Result<HTTPHead, HTTPError> {
        var length: Int?
        var transferEncodings: [String] = []
        var connection: [String] = []
        var expectations: [String] = []
        var hosts = 0
        for header in headers {
            switch Self.lowercasedName(header.name) {
            case "content-length":
                for item in header.value.split(separator: ",", omittingEmptySubsequences: false) {
                    let text = item.trimmingSpaces
                    guard !text.isEmpty, text.utf8.allSatisfy(isDigit) else {
                        return .failure(.malformed("`Content-Length` must be a whole number of bytes"))
                    }
                    let digits = text.drop { $0 == "0" }
                    guard digits.count <= 18, let value = Int(digits.isEmpty ? "0" : digits) else {
                        return .failure(.bodyTooLarge(limits.maxBodyBytes))
                    }
                    if let length, length != value {
                        return .failure(.malformed("the request gives two different `Content-Length` values"))
                    }
                    length = value
                }
            case "transfer-encoding":
                transferEncodings += header.value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            case "connection":
                connection += header.value.split(separator: ",").map { $0.trimmingSpaces.lowercased() }
            case "expect":
                expectations.append(header.value.lowercased())
            case "host":
                hosts += 1
            default:
                break
            }
        }
        if minorVersion == 1, hosts != 1 {
            return .failure(.malformed("an HTTP/1.1 request must have exactly one `Host` header"))
        }
        var framing = BodyFraming.none
        if !transferEncodings.isEmpty {
            if length != nil {
                return .failure(.malformed("the request gives both `Content-Length` and `Transfer-Encoding`"))
            }
            if minorVersion == 0 { return .failure(.malformed("`Transfer-Encoding` is not taken in HTTP/1.0")) }
            guard transferEncodings == ["chunked"] else {
                return .failure(HTTPError(.notImplemented, "unsupported_transfer_encoding", "the only transfer coding served is `chunked`"))
            }
            framing = .chunked
        } else if let length {
            if length > limits.maxBodyBytes { return .failure(.bodyTooLarge(limits.maxBodyBytes)) }
            framing = length == 0 ? .none : .length(length)
        } else if methodsWithBody.contains(method) {
            return .failure(HTTPError(.lengthRequired, "length_required", "a \(method) request must send `Content-Length` or a chunked body"))
        }
        var expectsContinue = false
        for expectation in expectations {
            guard expectation == "100-continue" else {
                return .failure(HTTPError(.expectationFailed, "expectation_failed", "the only expectation served is `100-continue`"))
            }
            expectsContinue = true
        }
        let keepAlive = minorVersion == 1 ? !connection.contains("close") : connection.contains("keep-alive")
        return .success(HTTPHead(method: method, target: target, minorVersion: minorVersion, headers: headers,
                                 framing: framing, keepAlive: keepAlive, expectsContinue: expectsContinue && minorVersion == 1))
    }
}

extension HTTPHead {
    /// A header name in lower case, for the few names the head is decided by. The
    /// spellings clients send are matched as they are, without making a new string
    /// per header and request; any other spelling is lowercased.
    static func lowercasedName(_ name: String) -> String {
        switch name {
        case "Host", "host": "host"
        case "Content-Length", "content-length": "content-length"
        case "Connection", "connection": "connection"
        case "Content-Type", "User-Agent", "Accept", "Accept-Encoding", "content-type", "user-agent", "accept", "accept-encoding": ""
        default: name.lowercased()
        }
    }
}

let space = UInt8(ascii: " ")
let tab = UInt8(ascii: "\t")
let slash = UInt8(ascii: "/")

func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

/// A `tchar` of RFC 9110: what a method or a header name is made of.
func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), 48...57: true
    default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
    }
}

extension StringProtocol {
    /// The text without its leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
