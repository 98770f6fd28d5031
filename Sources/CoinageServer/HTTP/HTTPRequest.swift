/// One header line of a request: its name as written and its value without the
/// surrounding spaces.
public struct HTTPHeader: Hashable, Sendable {
    public let name: String
    public let value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete HTTP/1.x request as the parser read it: head, decoded body, and what
/// the connection should do after it.
public struct HTTPRequest: Hashable, Sendable {
    public var method: String
    /// The request target as sent: the path and, after `?`, the query.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    public var headers: [HTTPHeader]
    /// The body, after chunked decoding when it was chunked.
    public var body: [UInt8]
    /// Whether the connection stays open after the response: HTTP/1.1 unless the
    /// client sent `Connection: close`, HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool
    /// Whether the client sent `Expect: 100-continue`.
    public var expectsContinue: Bool

    public init(method: String, target: String, minorVersion: Int = 1, headers: [HTTPHeader] = [], body: [UInt8] = [],
                keepAlive: Bool = true, expectsContinue: Bool = false) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        self.keepAlive = keepAlive
        self.expectsContinue = expectsContinue
    }

    /// The target's path, without its query.
    public var path: String {
        guard let question = target.firstIndex(of: "?") else { return target }
        return String(target[..<question])
    }

    /// The target's query, after `?`, or nil when it has none.
    public var query: String? {
        guard let question = target.firstIndex(of: "?") else { return nil }
        return String(target[target.index(after: question)...])
    }

    /// The value of the first header called `name`, compared without case.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
