import Coinage
import CoinageFoundation
import CoinageSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The rules directory the server works on, and its files as they are on disk.
///
/// The directory is `--rules DIR` when given; else the client's workspace folder
/// (or `rootUri`): its `rules` folder when it has one, as for `coinage check`,
/// else the folder itself. A document open in the editor replaces its file on disk,
/// and an open document outside the directory is checked on its own.
package struct Workspace: Sendable {
    package private(set) var directory: String?
    /// The bytes of each file read from disk, by absolute path.
    package private(set) var disk: [String: [UInt8]] = [:]
    /// Why the directory could not be read, when it could not.
    package private(set) var loadError: String?

    package init(directory: String?) {
        self.directory = directory.map(Self.absolute)
    }

    /// Chooses the directory from the client's root, unless one was given.
    package mutating func adopt(root: String) {
        guard directory == nil else { return }
        let rules = FilePaths.join(root, "rules")
        directory = Self.absolute(FilePaths.isDirectory(rules) ? rules : root)
    }

    /// Reads every rules file of the directory again (after a save or a change on disk).
    package mutating func reload() {
        disk = [:]
        loadError = nil
        guard let directory else { return }
        do {
            let sources = try RulesDirectory.load(directory)
            for file in sources.files { disk[file.path] = file.bytes }
        } catch .noRuleFiles {
            // An empty folder is a workspace yet to be written: its open documents are the rules.
        } catch {
            loadError = error.description
        }
    }

    /// True when `path` lies under the directory.
    package func contains(_ path: String) -> Bool {
        guard let directory else { return false }
        return path.hasPrefix(directory.hasSuffix("/") ? directory : directory + "/")
    }

    /// The key of the rule set `path` belongs to: the directory, or the path itself
    /// for a document outside it.
    package func key(for path: String) -> String {
        contains(path) ? directory ?? path : path
    }

    /// The files of the rule set `key`, the open documents in place of their files
    /// on disk, in path order (the order `coinage check` reads them in).
    package func sources(for key: String, documents: DocumentStore) -> SourceMap {
        var files: [String: [UInt8]] = [:]
        if key == directory {
            files = disk
            for document in documents.documents.values where contains(document.path) && document.path.hasSuffix(".coin") {
                files[document.path] = document.bytes
            }
        } else if let document = documents.document(atPath: key) {
            files[key] = document.bytes
        }
        var map = SourceMap()
        for path in files.keys.sorted() { map.add(path: path, bytes: files[path] ?? []) }
        return map
    }

    /// Every rule set to check: the directory's, and one per open document outside it.
    package func keys(documents: DocumentStore) -> [String] {
        var keys: [String] = directory.map { [$0] } ?? []
        for document in documents.documents.values where !contains(document.path) { keys.append(document.path) }
        return keys.sorted()
    }

    static func absolute(_ path: String) -> String {
        FilePaths.absolute(path)
    }
}

/// One rule set as checked at one moment: its files, their AST and symbol index,
/// the pipeline's result, and, once the debounced analysis has run, the guards'
/// worst cases. Every request reads the latest snapshot of its rule set.
package struct Snapshot: Sendable {
    /// The change it was made for: a snapshot of an older generation never
    /// replaces a newer one.
    package let generation: Int
    package let parsed: ParsedSources
    package let index: SymbolIndex
    package let result: PipelineResult
    /// True when the guards and lints ran (the debounced pass).
    package let analysed: Bool
    package let worstCases: [GuardWorstCase]

    package var sources: SourceMap { parsed.sources }

    /// Parses, checks and compiles `sources`, with the guards and lints when
    /// `analysis` is given (judging expiry at `analysis.now`).
    package static func check(_ sources: SourceMap, generation: Int, analysis: AnalysisOptions?) -> Snapshot {
        let parsed = ParsedSources(sources)
        let result = Pipeline.check(sources: sources, zones: SystemTimeZones(), analysis: analysis)
        var worstCases: [GuardWorstCase] = []
        if let analysis, let rules = result.ruleSet, let book = result.priceBook {
            worstCases = RuleAnalysis.worstCases(rules, book: book, options: analysis)
        }
        return Snapshot(generation: generation, parsed: parsed, index: SymbolIndex(parsed), result: result,
                        analysed: analysis != nil, worstCases: worstCases)
    }

    /// The file at `path`, if the rule set has it.
    package func file(atPath path: String) -> SourceFile? {
        sources.files.first { $0.path == path }
    }

    /// The parsed form of `file`.
    package func ruleFile(_ file: SourceFileID) -> RuleFile? {
        parsed.files.first { $0.file == file }
    }
}
