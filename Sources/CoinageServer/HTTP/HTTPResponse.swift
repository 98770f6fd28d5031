import CoinageJSON

/// A response to write: status, headers and body. `Content-Length` and
/// `Connection` are added when it is serialized.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(_ status: HTTPStatus, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON document (or JSON lines) with its content type.
    public static func json(_ status: HTTPStatus, _ body: [UInt8], contentType: String = "application/json") -> HTTPResponse {
        HTTPResponse(status, headers: [HTTPHeader("Content-Type", contentType)], body: body)
    }

    /// The JSON error object of every refusal the server makes itself:
    /// `{"error":{"code":"…","message":"…"}}`, the shape of a refused quote.
    public static func error(_ error: HTTPError, headers: [HTTPHeader] = []) -> HTTPResponse {
        let document = JSONValue.object([("error", .object([("code", .string(error.code)), ("message", .string(error.message))]))])
        var response = json(error.status, Array((document.serialized() + "\n").utf8))
        response.headers += headers
        return response
    }

    /// The bytes on the wire: status line, headers, `Content-Length`, `Connection`
    /// (`close` when the connection ends after it), blank line, body.
    public func serialized(keepAlive: Bool, includeBody: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes, keepAlive: keepAlive, includeBody: includeBody)
        return bytes
    }

    /// `serialized(keepAlive:includeBody:)` appended to `bytes`, where a connection
    /// gathers the answers to the requests it has read, to send them in one write.
    public func append(to bytes: inout [UInt8], keepAlive: Bool, includeBody: Bool = true) {
        bytes.reserveCapacity(bytes.count + 128 + (includeBody ? body.count : 0))
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        Self.appendDecimal(status.code, to: &bytes)
        bytes.append(32)
        bytes.append(contentsOf: status.reason.utf8)
        bytes.append(contentsOf: "\r\n".utf8)
        for header in headers {
            bytes.append(contentsOf: header.name.utf8)
            bytes.append(contentsOf: ": ".utf8)
            bytes.append(contentsOf: header.value.utf8)
            bytes.append(contentsOf: "\r\n".utf8)
        }
        bytes.append(contentsOf: "Content-Length: ".utf8)
        Self.appendDecimal(body.count, to: &bytes)
        bytes.append(contentsOf: keepAlive ? "\r\nConnection: keep-alive\r\n\r\n".utf8 : "\r\nConnection: close\r\n\r\n".utf8)
        if includeBody { bytes.append(contentsOf: body) }
    }

    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        guard value >= 10 else { return bytes.append(UInt8(48 + value)) }
        appendDecimal(value / 10, to: &bytes)
        bytes.append(UInt8(48 + value % 10))
    }

    /// The interim response to `Expect: 100-continue`.
    public static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
