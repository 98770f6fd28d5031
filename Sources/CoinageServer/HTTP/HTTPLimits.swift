/// The limits an HTTP request is held to, each a named default that `coinage serve`
/// can change with a flag.
///
/// A request past a limit is refused with its own status, and the connection is
/// closed: the server never buffers more than the limits allow for one request.
public struct HTTPLimits: Sendable, Equatable {
    /// Bytes of a request body, after chunked decoding (`--max-body-bytes`): 8 MiB.
    /// Past it: 413. A batch of about 30,000 request lines fits.
    public static let defaultMaxBodyBytes = 8 << 20
    /// Bytes of the header lines after the request line, and of a chunked body's
    /// trailers (`--max-header-bytes`): 16 KiB. Past it: 431.
    public static let defaultMaxHeaderBytes = 16 << 10
    /// Header lines of a request (`--max-headers`): 100. Past it: 431.
    public static let defaultMaxHeaderCount = 100
    /// Bytes of the request target, the path and query (`--max-url-bytes`): 8 KiB.
    /// Past it: 414.
    public static let defaultMaxTargetBytes = 8 << 10
    /// Bytes of a chunk-size line, extensions included: 1 KiB. Past it: 400. Not a
    /// flag: a real client writes a few hex digits.
    public static let maxChunkSizeLineBytes = 1 << 10
    /// Bytes a method and the version may add to a request line on top of the target.
    static let requestLineSlack = 64

    /// Bytes of answer a `POST /v1/quotes` may make per byte of its body's limit, and
    /// the fewest it may make: an answer past `maxAnswerBytes` is not sent (413
    /// `answer_too_large`). Real request lines (60 bytes and more) get answers up to
    /// about ten times as long; an error line is over forty times as long as the 3-byte `{}` it answers,
    /// which without this bound would let an 8 MiB body hold 370 MB.
    public static let answerBytesPerBodyByte = 16
    public static let minimumAnswerBytes = 64 << 20

    /// The longest answer to `POST /v1/quotes` the server builds: 128 MiB by default.
    public var maxAnswerBytes: Int { max(Self.minimumAnswerBytes, maxBodyBytes.multipliedReportingOverflow(by: Self.answerBytesPerBodyByte).partialValue) }

    /// The longest request line: the target's limit and room for a method and the version.
    public var maxRequestLineBytes: Int { maxTargetBytes + Self.requestLineSlack }

    public var maxBodyBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxTargetBytes: Int

    public init(maxBodyBytes: Int = defaultMaxBodyBytes, maxHeaderBytes: Int = defaultMaxHeaderBytes,
                maxHeaderCount: Int = defaultMaxHeaderCount, maxTargetBytes: Int = defaultMaxTargetBytes) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxTargetBytes = maxTargetBytes
    }
}
