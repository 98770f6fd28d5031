import Foundation
import Testing

/// The first ready-to-paste `test` block of a proof's text output, unindented.
func counterexampleTestBlock(_ output: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let start = try #require(lines.firstIndex { $0.hasPrefix("        test \"") }, sourceLocation: sourceLocation)
    let end = try #require(lines[start...].firstIndex { $0 == "        }" }, sourceLocation: sourceLocation)
    return lines[start...end].map { String($0.dropFirst(8)) }.joined(separator: "\n") + "\n"
}

/// Checks that a counterexample's test block passes when appended to the old rules
/// and fails, saying `expected`, when appended to the new ones.
func expectCounterexampleTest(_ block: String, passesOn old: String, failsOn new: String, saying expected: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
    let oldText = try String(contentsOfFile: old + "/shop.coin", encoding: .utf8)
    let newText = try String(contentsOfFile: new + "/shop.coin", encoding: .utf8)
    try withTemporaryRules(oldText + "\n" + block) { directory in
        let passed = runCoinage(["test", directory])
        #expect(passed.status == .success, "\(passed.out)\(passed.err)", sourceLocation: sourceLocation)
    }
    try withTemporaryRules(newText + "\n" + block) { directory in
        let failed = runCoinage(["test", directory])
        #expect(failed.status == .failure, "\(failed.out)\(failed.err)", sourceLocation: sourceLocation)
        #expect(failed.out.contains(expected), "\(failed.out)", sourceLocation: sourceLocation)
    }
}
