import CoinageChecker
import CoinageSyntax

/// The parse and check steps of the pipeline in one call, for the tests of the
/// checker and of what it builds.
///
/// The library and the CLI go through `Pipeline.check`, which compiles and
/// analyses too; these tests look at the checker's own result, so they parse and
/// check and stop there.
extension Checker {
    static func check(_ sources: SourceMap, zones: (any TimeZoneDatabase)?) -> CheckResult {
        check(ParsedSources(sources), zones: zones)
    }
}
