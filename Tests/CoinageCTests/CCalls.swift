import CoinageC
import CoinageCLI
import CoinageTestSupport
import Foundation

/// The C functions called as a C program calls them, with their buffers read back
/// and freed, for the tests.
enum CCalls {
    static let sampleShop = RepositoryPaths.sampleShop.path

    /// `coinage_open`: the handle, or the error message.
    static func open(_ path: String) -> Result<OpaquePointer, OpenFailure> {
        var message: UnsafeMutablePointer<CChar>?
        if let handle = path.withCString({ coinage_open($0, &message) }) {
            return .success(handle)
        }
        defer { coinage_free(message) }
        return .failure(OpenFailure(message: message.map { String(cString: $0) }))
    }

    struct OpenFailure: Error {
        let message: String?
    }

    /// What a quoting call returned.
    struct Answer: Equatable {
        var status: Int32
        var bytes: [UInt8]?
        var refused = 0

        var text: String { bytes.map { String(decoding: $0, as: UTF8.self) } ?? "" }
    }

    /// `coinage_quote` of `request`.
    static func quote(_ handle: OpaquePointer?, _ request: [UInt8]) -> Answer {
        var output: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = withInput(request) { coinage_quote(handle, $0, request.count, &output, &length) }
        return Answer(status: status, bytes: take(output, length: length))
    }

    static func quote(_ handle: OpaquePointer?, _ request: String) -> Answer {
        quote(handle, Array(request.utf8))
    }

    /// `coinage_quote_lines` of `lines`.
    static func quoteLines(_ handle: OpaquePointer?, _ lines: [UInt8]) -> Answer {
        var output: UnsafeMutablePointer<CChar>?
        var length = 0
        var refused = -1
        let status = withInput(lines) { coinage_quote_lines(handle, $0, lines.count, &output, &length, &refused) }
        return Answer(status: status, bytes: take(output, length: length), refused: refused)
    }

    /// `coinage_rules_hash`.
    static func hash(_ handle: OpaquePointer?) -> String? {
        guard let hash = coinage_rules_hash(handle) else { return nil }
        defer { coinage_free(hash) }
        return String(cString: hash)
    }

    /// The bytes of a returned buffer, which is freed; nil for NULL. Checks the NUL
    /// the header promises after them.
    private static func take(_ buffer: UnsafeMutablePointer<CChar>?, length: Int) -> [UInt8]? {
        guard let buffer else { return nil }
        defer { coinage_free(buffer) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length + 1)
        guard bytes[length] == 0 else { return [] }
        return Array(bytes[..<length])
    }

    /// Calls `body` with a pointer to `bytes`, followed by a NUL so that even empty
    /// bytes have an address (the library must not read the NUL).
    private static func withInput(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Int32) -> Int32 {
        let padded = bytes.map { CChar(bitPattern: $0) } + [0]
        return padded.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return Int32.min }
            return body(base)
        }
    }

    /// What `coinage quote --batch --rules DIR` writes for `input`, with the clock at `now`.
    static func batch(_ input: [UInt8], rules: String = sampleShop, now: Int64 = 1_795_000_000) -> (status: ExitCode, output: [UInt8]) {
        let captured = CapturedConsole(input: nil, now: now)
        var console = captured.console
        var pending: [UInt8]? = input
        console.readInput = {
            defer { pending = nil }
            return pending
        }
        let status = CoinageCLI.run(["quote", "--batch", "--rules", rules], console: console)
        return (status, Array(captured.output.utf8))
    }
}
