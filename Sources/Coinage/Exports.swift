// `import Coinage` gives a library user every phase, as one module did before the
// split; each phase stays its own module, importing only the ones before it.
@_exported import CoinageSyntax
@_exported import CoinageChecker
@_exported import CoinageEngine
@_exported import CoinageAnalysis
@_exported import CoinageRuleTests
@_exported import CoinageDiff
