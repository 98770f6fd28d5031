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
        var head = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if includeBody { bytes += body }
        return bytes
    }

    /// The interim response to `Expect: 100-continue`.
    public static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
