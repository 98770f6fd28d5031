import CoinageCLI
import Foundation
import Testing

/// `coinage fmt` run in-process on copies of `Fixtures/fmt/`: one file to
/// format, one already formatted, one with a syntax error.
@Suite struct FmtCommandTests {
    /// A fresh copy of a fixture directory, removed by the caller.
    static func copy(_ fixture: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coinage-fmt-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Snapshot.fixture(fixture)), to: directory)
        return directory
    }

    /// Output with the copy's path replaced by `fmt`, as in the fixture folder.
    static func normalize(_ text: String, _ directory: URL) -> String {
        // Diff headers write the path without its leading `/`, after `a/` and `b/`.
        text.replacingOccurrences(of: "a" + directory.path, with: "a/fmt")
            .replacingOccurrences(of: "b" + directory.path, with: "b/fmt")
            .replacingOccurrences(of: directory.path, with: "fmt")
    }

    static func bytes(_ directory: URL, _ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    @Test func checkListsTheUnformattedFileAndReportsTheBrokenOne() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.bytes(directory, "messy.coin")
        let result = runCoinage(["fmt", "--check", directory.path])
        #expect(result.status == .failure)
        Snapshot.expect(Self.normalize(result.out, directory), matches: "fmt-check.txt")
        Snapshot.expect(Self.normalize(result.err, directory), matches: "fmt-check-errors.txt")
        #expect(try Self.bytes(directory, "messy.coin") == before, "--check wrote the file")
    }

    @Test func diffPrintsTheChangesAndWritesNothing() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.bytes(directory, "messy.coin")
        let result = runCoinage(["fmt", "--diff", directory.appendingPathComponent("messy.coin").path])
        #expect(result.status == .success)
        #expect(result.err.isEmpty)
        Snapshot.expect(Self.normalize(result.out, directory), matches: "fmt-diff.txt")
        #expect(try Self.bytes(directory, "messy.coin") == before, "--diff wrote the file")
        let checked = runCoinage(["fmt", "--diff", "--check", directory.appendingPathComponent("messy.coin").path])
        #expect(checked.status == .failure)
        #expect(checked.out == result.out)
    }

    @Test func formattingRewritesOnlyTheUnformattedFile() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = try Self.bytes(directory, "broken.coin")
        let tidy = try Self.bytes(directory, "tidy.coin")
        let tidyPath = directory.appendingPathComponent("tidy.coin").path
        let tidyModified = try FileManager.default.attributesOfItem(atPath: tidyPath)[.modificationDate] as? Date
        let result = runCoinage(["fmt", directory.path])
        #expect(result.status == .failure, "the broken file makes the run fail")
        #expect(Self.normalize(result.out, directory) == "formatted fmt/messy.coin\n")
        #expect(result.err.contains("error: `\(directory.path)/broken.coin` has syntax errors and is left as it is"))
        #expect(try Self.bytes(directory, "broken.coin") == broken)
        #expect(try Self.bytes(directory, "tidy.coin") == tidy)
        #expect(try FileManager.default.attributesOfItem(atPath: tidyPath)[.modificationDate] as? Date == tidyModified)
        let formatted = try String(decoding: Self.bytes(directory, "messy.coin"), as: UTF8.self)
        Snapshot.expect(formatted, matches: "fmt-messy-formatted.coin")
        // No temporary file is left beside the rewritten one.
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["broken.coin", "messy.coin", "tidy.coin"])
        // Now only the broken file fails the check.
        try FileManager.default.removeItem(at: directory.appendingPathComponent("broken.coin"))
        let again = runCoinage(["fmt", "--check", directory.path])
        #expect(again.status == .success)
        #expect(again.out.isEmpty && again.err.isEmpty)
    }

    @Test func formattedFilesPassTheCheckSilently() {
        let result = runCoinage(["fmt", "--check", Snapshot.fixture("fmt") + "/tidy.coin"])
        #expect(result.status == .success)
        #expect(result.out.isEmpty && result.err.isEmpty)
    }

    @Test func bundledSampleShopIsFormatted() {
        let result = runCoinage(["fmt", "--check", "--rules", Snapshot.packageRoot.appendingPathComponent("rules").path])
        #expect(result.status == .success, "\(result.out)\(result.err)")
    }

    @Test func permissionsSurviveTheRewrite() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let messy = directory.appendingPathComponent("messy.coin").path
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: messy)
        #expect(runCoinage(["fmt", messy]).status == .success)
        let permissions = try FileManager.default.attributesOfItem(atPath: messy)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
    }

    @Test func throughASymbolicLinkTheTargetIsRewrittenAndTheLinkStays() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("link.coin").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "messy.coin")
        #expect(runCoinage(["fmt", link]).status == .success)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "messy.coin")
        let formatted = try String(decoding: Self.bytes(directory, "messy.coin"), as: UTF8.self)
        Snapshot.expect(formatted, matches: "fmt-messy-formatted.coin")
    }

    @Test func missingPathIsAUsageErrorAndNothingIsWritten() throws {
        let directory = try Self.copy("fmt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Self.bytes(directory, "messy.coin")
        let result = runCoinage(["fmt", directory.path, "/nonexistent/coinage-rules"])
        #expect(result.status == .usage)
        #expect(result.err == "error: `/nonexistent/coinage-rules` does not exist\n")
        #expect(try Self.bytes(directory, "messy.coin") == before)
    }

    @Test func pathsAndRulesOptionTogetherAreAUsageError() {
        let result = runCoinage(["fmt", "a.coin", "--rules", "rules"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: unexpected argument `a.coin`"))
    }

    @Test func helpDescribesTheCommand() {
        let result = runCoinage(["fmt", "--help"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "fmt-help.txt")
    }
}
