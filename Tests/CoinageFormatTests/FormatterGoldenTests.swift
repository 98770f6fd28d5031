@testable import CoinageFormat
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Golden tests for the formatter.
///
/// Each case is a pair in `Goldens/Formatter/`: `NAME.input.coin` and
/// `NAME.output.coin`, the exact text `RuleFormatter` must give for it. The
/// `sample_*` inputs are the sample shop's files as they were written by hand,
/// before the formatter existed; their outputs are the files in `rules/`. Set
/// `COINAGE_UPDATE_GOLDENS=1` to rewrite the outputs from the current formatter.
enum FormatterGoldens {
    static let directory = RepositoryPaths.file("Tests/CoinageFormatTests/Goldens/Formatter")
    static let packageRoot = RepositoryPaths.root

    static let caseNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".input.coin") }.map { String($0.dropLast(".input.coin".count)) }.sorted()
    }()

    static let sampleFiles: [String] = {
        let rules = packageRoot.appendingPathComponent("rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules.path)) ?? []
        return names.filter { $0.hasSuffix(".coin") }.sorted()
    }()

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

    static func format(_ bytes: [UInt8], path: String = "golden.coin") -> FormatResult {
        RuleFormatter.format(SourceFile(id: SourceFileID(0), path: path, bytes: bytes))
    }
}

@Suite("Formatter goldens")
struct FormatterGoldenTests {
    @Test("each input formats to its golden output", arguments: FormatterGoldens.caseNames)
    func golden(name: String) throws {
        let input = try FormatterGoldens.bytes(FormatterGoldens.directory.appendingPathComponent("\(name).input.coin"))
        guard case .formatted(let text) = FormatterGoldens.format(input) else {
            Issue.record("\(name) was not formatted: \(FormatterGoldens.format(input))")
            return
        }
        let url = FormatterGoldens.directory.appendingPathComponent("\(name).output.coin")
        GoldenFile.expect(text, matches: url, label: "\(name).output.coin")
    }

    @Test("each golden output is already formatted", arguments: FormatterGoldens.caseNames)
    func outputIsStable(name: String) throws {
        let output = try FormatterGoldens.bytes(FormatterGoldens.directory.appendingPathComponent("\(name).output.coin"))
        #expect(FormatterGoldens.format(output) == .formatted(String(decoding: output, as: UTF8.self)))
    }

    @Test("every sample file in rules/ is formatted", arguments: FormatterGoldens.sampleFiles)
    func sampleIsFormatted(file: String) throws {
        let bytes = try FormatterGoldens.bytes(FormatterGoldens.packageRoot.appendingPathComponent("rules/\(file)"))
        #expect(FormatterGoldens.format(bytes, path: "rules/\(file)") == .formatted(String(decoding: bytes, as: UTF8.self)))
    }

    @Test("every sample file has a golden, whose output is the file in rules/", arguments: FormatterGoldens.sampleFiles)
    func sampleHasGolden(file: String) throws {
        let name = "sample_" + file.dropLast(".coin".count)
        let golden = try FormatterGoldens.bytes(FormatterGoldens.directory.appendingPathComponent("\(name).output.coin"))
        let sample = try FormatterGoldens.bytes(FormatterGoldens.packageRoot.appendingPathComponent("rules/\(file)"))
        #expect(golden == sample)
    }
}
