import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// How every harness stops on a broken invariant, and the output checks they share.
///
/// `fatalError` is the point here: libFuzzer records the input that reached it.
/// The quote invariants are in `FuzzQuoteInvariants.swift`, those of tokens, spans
/// and diagnostics in `FuzzSyntaxInvariants.swift`.
enum FuzzInvariants {
    /// Stops the run, naming the invariant and the value that broke it.
    static func broken(_ what: String) -> Never {
        fatalError("invariant broken: \(what)")
    }

    /// The writer's output is exactly one line of valid JSON ending in a newline.
    static func checkLine(_ bytes: [UInt8], _ what: String) {
        guard bytes.last == 10 else { broken("\(what): line does not end in \\n: \(String(decoding: bytes, as: UTF8.self))") }
        guard bytes.count(where: { $0 == 10 || $0 == 13 }) == 1 else {
            broken("\(what): not one line: \(String(decoding: bytes, as: UTF8.self))")
        }
        checkJSON(Data(bytes.dropLast()), what)
    }

    /// `data` is one valid JSON document in UTF-8.
    static func checkJSON(_ data: Data, _ what: String) {
        guard String(data: data, encoding: .utf8) != nil else { broken("\(what): output is not UTF-8") }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            broken("\(what): not valid JSON (\(error)): \(String(decoding: data, as: UTF8.self))")
        }
    }

    /// Invariants named in `FUZZ_SKIP` (comma-separated) are not asserted: a run can
    /// look past a finding that is reported and not fixed yet. Only invariants that
    /// take a name can be skipped (see `Fuzz/README.md`).
    static let skipped = Set((ProcessInfo.processInfo.environment["FUZZ_SKIP"] ?? "").split(separator: ",").map(String.init))

    /// Stops the run unless `holds`, or unless the invariant `name` is skipped.
    static func require(_ name: String, _ holds: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
        guard !skipped.contains(name), !holds() else { return }
        broken("[\(name)] \(what())")
    }

    /// Set `FUZZ_VERBOSE=1` to have a harness print what it did with each input
    /// (for checking seeds and replaying reproducers; never during a run).
    static let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] == "1"

    /// Prints to standard error when `verbose`.
    static func log(_ message: @autoclosure () -> String) {
        guard verbose else { return }
        FileHandle.standardError.write(Data((message() + "\n").utf8))
    }
}
