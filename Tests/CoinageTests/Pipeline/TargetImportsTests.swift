import CoinageTestSupport
import Foundation
import Testing

/// What each target may import (Docs/Architecture.md): the engine only the
/// standard library, the program's edge the C library too, and Foundation only the
/// benchmark program. A `coinage` process that loaded Foundation would carry its
/// libraries and ICU's, about 9 MB, from its first instruction.
@Suite struct TargetImportsTests {
    /// The targets up to `CoinageIO`, and the pictures: nothing but the standard library.
    static let standardLibraryOnly: Set<String> = [
        "CoinageSyntax", "CoinageJSON", "CoinageFormat", "CoinageChecker", "CoinageEngine", "CoinageAnalysis",
        "CoinageRuleTests", "CoinageDiff", "Coinage", "CoinageIO", "CoinagePictures",
    ]
    /// The platform's modules the edge may use besides the package's own.
    static let platformModules: Set<String> = ["Glibc", "Musl", "Darwin", "Dispatch", "Synchronization"]
    /// Modules of the Foundation family, allowed in the benchmark program alone.
    static let foundationModules: Set<String> = ["Foundation", "FoundationEssentials", "FoundationInternationalization", "FoundationNetworking"]

    /// Every `import` of every Swift file of each target, by target.
    static func imports() throws -> [String: Set<String>] {
        let sources = RepositoryPaths.file("Sources").path
        var found: [String: Set<String>] = [:]
        for target in try FileManager.default.contentsOfDirectory(atPath: sources) {
            guard let files = FileManager.default.enumerator(atPath: sources + "/" + target) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: sources + "/" + target + "/" + file, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    let words = line.split(separator: " ")
                    guard let index = words.firstIndex(of: "import"), index + 1 < words.count,
                          words[..<index].allSatisfy({ $0.hasPrefix("@") }) else { continue }
                    found[target, default: []].insert(String(words[index + 1]))
                }
            }
        }
        return found
    }

    @Test func onlyTheBenchmarkProgramImportsFoundation() throws {
        let imports = try Self.imports()
        #expect(imports.count >= 15, "the Sources directory was not found: \(imports.keys.sorted())")
        for (target, modules) in imports where target != "coinage-bench" {
            #expect(modules.isDisjoint(with: Self.foundationModules), "\(target) imports \(modules.intersection(Self.foundationModules).sorted())")
        }
    }

    @Test func theEngineImportsNothingButTheStandardLibrary() throws {
        let imports = try Self.imports()
        for target in Self.standardLibraryOnly {
            let outside = (imports[target] ?? []).filter { !$0.hasPrefix("Coinage") }
            #expect(outside.isEmpty, "\(target) imports \(outside.sorted())")
        }
    }

    @Test func theEdgeImportsOnlyThePlatformBesidesThePackage() throws {
        let imports = try Self.imports()
        for (target, modules) in imports where target != "coinage-bench" && !Self.standardLibraryOnly.contains(target) {
            let outside = modules.filter { !$0.hasPrefix("Coinage") && !Self.platformModules.contains($0) }
            #expect(outside.isEmpty, "\(target) imports \(outside.sorted())")
        }
    }
}
