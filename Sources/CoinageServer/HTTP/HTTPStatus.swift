/// An HTTP status code with its reason phrase.
public struct HTTPStatus: Hashable, Sendable {
    public let code: Int
    public let reason: String

    public init(_ code: Int, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public static let ok = HTTPStatus(200, "OK")
    public static let badRequest = HTTPStatus(400, "Bad Request")
    public static let notFound = HTTPStatus(404, "Not Found")
    public static let methodNotAllowed = HTTPStatus(405, "Method Not Allowed")
    public static let requestTimeout = HTTPStatus(408, "Request Timeout")
    public static let lengthRequired = HTTPStatus(411, "Length Required")
    public static let contentTooLarge = HTTPStatus(413, "Content Too Large")
    public static let uriTooLong = HTTPStatus(414, "URI Too Long")
    public static let expectationFailed = HTTPStatus(417, "Expectation Failed")
    public static let unprocessableContent = HTTPStatus(422, "Unprocessable Content")
    public static let headerFieldsTooLarge = HTTPStatus(431, "Request Header Fields Too Large")
    public static let internalServerError = HTTPStatus(500, "Internal Server Error")
    public static let notImplemented = HTTPStatus(501, "Not Implemented")
    public static let serviceUnavailable = HTTPStatus(503, "Service Unavailable")
    public static let versionNotSupported = HTTPStatus(505, "HTTP Version Not Supported")
}

/// Why a request was refused before it reached an endpoint: the status, a stable
/// code for the JSON error object and a lowercase message saying what was wrong.
public struct HTTPError: Error, Hashable, Sendable {
    public let status: HTTPStatus
    public let code: String
    public let message: String

    public init(_ status: HTTPStatus, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func malformed(_ message: String) -> HTTPError { HTTPError(.badRequest, "bad_request", message) }
    static func bodyTooLarge(_ limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, "body_too_large", "the body is longer than \(limit) bytes, the most a request may send")
    }
    static func headersTooLarge(_ message: String) -> HTTPError { HTTPError(.headerFieldsTooLarge, "headers_too_large", message) }
}
