@testable import CoinageFormat
import CoinageSyntax
import Foundation
import Testing

/// Properties of the formatter on seeded generated rules files and on the
/// golden inputs: its output is a fixed point, reads back as the same rules, and
/// keeps every comment in order.
@Suite("Formatter properties")
struct FormatterPropertyTests {
    /// Generated files per run; each seed gives the same file on every machine.
    static let generatedFiles = 400

    static func source(_ text: String) -> SourceFile { SourceFile(id: SourceFileID(0), path: "generated.coin", text: text) }

    static func commentTexts(_ file: RuleFile) -> [String] {
        file.comments.map { String($0.text.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
    }

    /// Checks every property on one input that parses.
    static func checkProperties(_ input: String, label: String) {
        let original = Parser.parse(source(input))
        let errors = original.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            Issue.record("\(label) does not parse (\(errors.map(\.message))):\n\(input)")
            return
        }
        guard case .formatted(let once) = RuleFormatter.format(source(input)) else {
            Issue.record("\(label) was not formatted: \(RuleFormatter.format(source(input)))\n\(input)")
            return
        }
        let reparsed = Parser.parse(source(once))
        #expect(reparsed.diagnostics.isEmpty, "\(label): the output has diagnostics\n\(once)")
        #expect(reparsed.file.hasSameDeclarations(as: original.file), "\(label): different rules\n\(input)\n---\n\(once)")
        #expect(commentTexts(reparsed.file) == commentTexts(original.file), "\(label): comments differ\n\(input)\n---\n\(once)")
        #expect(RuleFormatter.format(source(once)) == .formatted(once), "\(label): not idempotent\n\(input)\n---\n\(once)")
        #expect(!once.contains(" \n") && !once.contains("\t\n"), "\(label): trailing whitespace\n\(once)")
        #expect(!once.contains("\n\n\n"), "\(label): more than one blank line\n\(once)")
    }

    @Test("fmt(fmt(x)) == fmt(x) and parse(fmt(x)) == parse(x) on generated rules files",
          arguments: 0..<UInt64(generatedFiles))
    func generated(seed: UInt64) {
        var generator = FormatterRuleGenerator(seed: seed)
        Self.checkProperties(generator.file(), label: "seed \(seed)")
    }

    @Test("the properties hold on every golden input", arguments: FormatterGoldens.caseNames)
    func goldenInput(name: String) throws {
        let bytes = try FormatterGoldens.bytes(FormatterGoldens.directory.appendingPathComponent("\(name).input.coin"))
        Self.checkProperties(String(decoding: bytes, as: UTF8.self), label: name)
    }
}
