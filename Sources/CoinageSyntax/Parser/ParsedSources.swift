/// The parse step of the pipeline: every file of a rule set, parsed, with every
/// problem the parser found in any of them.
///
/// The checker takes this, not the sources, so the phases run one after the other
/// and each can be run, timed or tested on its own: `Pipeline.check` (in `Coinage`)
/// parses, then checks, then compiles and analyses.
public struct ParsedSources: Sendable {
    /// The rule set's files, as read.
    public let sources: SourceMap
    /// One parsed file per source file, in the order of `sources.files`.
    public let files: [RuleFile]
    /// The parser's diagnostics of every file, collected in file order.
    public let diagnostics: DiagnosticBag

    /// Parses every file of `sources`. Never throws: a file that cannot be read as
    /// text (too large, not UTF-8) gives an empty file and its diagnostic.
    public init(_ sources: SourceMap) {
        var files: [RuleFile] = []
        var bag = DiagnosticBag()
        files.reserveCapacity(sources.files.count)
        for file in sources.files {
            // A price-point table's CSV file is read by the checker, for the table that names it.
            if file.isPricePointFile {
                files.append(RuleFile(file: file.id, declarations: [], comments: [], incomplete: []))
                continue
            }
            let result = Parser.parse(file)
            files.append(result.file)
            bag.add(contentsOf: result.diagnostics)
        }
        self.sources = sources
        self.files = files
        self.diagnostics = bag
    }

    /// True when a file could not be read as text at all: what it declares is
    /// unknown, so checking the rest would only report its absence.
    public var hasUnreadableFile: Bool {
        diagnostics.sorted().contains { $0.code == .fileTooLarge || $0.code == .invalidUTF8 }
    }
}
