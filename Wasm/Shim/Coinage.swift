/// The `Coinage` module of the WebAssembly build: the phases a quote needs.
///
/// CoinageIO's codecs `import Coinage`; natively that umbrella also re-exports the
/// analysis, the rule tests and the diff, which the wasm build does not compile yet
/// (Docs/WebAssembly.md). The request and quote codecs use none of them, so this
/// module gives them the same names from the phases up to the engine.
@_exported import CoinageChecker
@_exported import CoinageEngine
@_exported import CoinageSyntax
