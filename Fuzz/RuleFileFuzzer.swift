import Coinage
import CoinageFoundation
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file.
///
/// The file is checked (with the system's zones), its diagnostics rendered in every
/// format, and formatted. Formatting must be idempotent, keep the declarations and
/// not change what the checker reports. Rules that check clean are compiled and
/// one request per bundle is quoted (see `FuzzInvariants`).
private let zones = FoundationTimeZones()

/// Reused across inputs, as a batch reuses it across lines.
nonisolated(unsafe) private var writer = QuoteLineWriter(capacity: 1 << 16)

/// The most bundles quoted per input, so one input cannot take long.
private let maximumBundlesQuoted = 32

/// Quotes are asked for at this instant: 2026-11-28T10:00:00Z, inside the sample sales.
private let quoteInstant: Int64 = 1_795_860_000

private let path = "fuzz.coin"

@_cdecl("LLVMFuzzerTestOneInput")
public func ruleFileFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    var sources = SourceMap()
    sources.add(path: path, bytes: bytes)
    let result = Checker.check(sources, zones: zones)
    renderEverywhere(result)
    checkFormatting(SourceFile(id: SourceFileID(0), path: path, bytes: bytes), checked: result)
    if let rules = result.ruleSet { quoteEachBundle(PriceBook(rules)) }
    return 0
}

/// Every format renders; the JSON formats give valid JSON.
private func renderEverywhere(_ result: CheckResult) {
    let renderer = DiagnosticRenderer(sources: result.sources)
    for format in DiagnosticFormat.allCases {
        let text = renderer.render(result.diagnostics, as: format)
        switch format {
        case .json, .gitlab, .sarif: FuzzInvariants.checkJSON(Data(text.utf8), "\(format) diagnostics")
        case .text, .github: break
        }
    }
    _ = DiagnosticRenderer(sources: result.sources, color: true).render(result.diagnostics, as: .text)
}

/// The formatter's output is a fixed point with the same rules and the same findings.
private func checkFormatting(_ source: SourceFile, checked: CheckResult) {
    switch RuleFormatter.format(source) {
    case .syntaxErrors:
        return
    case .unverified(let reason):
        FuzzInvariants.broken("the formatter refused its own output: \(reason)")
    case .formatted(let text):
        let again = SourceFile(id: source.id, path: source.path, text: text)
        guard case .formatted(let twice) = RuleFormatter.format(again) else {
            FuzzInvariants.broken("the formatted text does not format: \(RuleFormatter.format(again))")
        }
        guard twice == text else {
            FuzzInvariants.broken("formatting is not idempotent:\n--- once\n\(text)\n--- twice\n\(twice)")
        }
        guard Parser.parse(again).file.hasSameDeclarations(as: Parser.parse(source).file) else {
            FuzzInvariants.broken("the formatted text declares different rules:\n\(text)")
        }
        var formattedSources = SourceMap()
        formattedSources.add(path: source.path, text: text)
        let recheck = Checker.check(formattedSources, zones: zones)
        let before = checked.diagnostics.map(\.code.rawValue).sorted()
        let after = recheck.diagnostics.map(\.code.rawValue).sorted()
        guard before == after else {
            FuzzInvariants.broken("formatting changed the diagnostics from \(before) to \(after):\n\(text)")
        }
    }
}

/// One request per bundle (and one custom amount) in the first region.
private func quoteEachBundle(_ book: PriceBook) {
    guard let region = book.rules.regions.first?.code else { return }
    var items = book.rules.bundles.prefix(maximumBundlesQuoted).map { QuoteRequest.Item.bundle($0.name) }
    items.append(.coins(1_000))
    for item in items {
        let request = QuoteRequest(item: item, region: region, instant: quoteInstant)
        FuzzInvariants.quoteAndWrite(request, book: book, writer: &writer)
    }
}
