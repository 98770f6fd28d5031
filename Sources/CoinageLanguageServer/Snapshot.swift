import Coinage
import CoinageFoundation
import CoinageSyntax

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
        let result = Pipeline.check(sources: sources, zones: FoundationTimeZones(), analysis: analysis)
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
