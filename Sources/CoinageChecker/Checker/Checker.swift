import CoinageSyntax

/// The outcome of checking a rule set: the rule set when there is no error, and
/// every diagnostic, sorted by place.
public struct CheckResult: Sendable {
    public let ruleSet: RuleSet?
    /// The diagnostics to show, cut at `Limits.maxDiagnostics`.
    public let diagnostics: [Diagnostic]
    public let sources: SourceMap
    /// Every diagnostic found, before the cut: what `adding` adds to, so that the
    /// cut is made once, over everything, and counts what it leaves out exactly.
    package let found: DiagnosticBag
    /// The warnings the rules accept (`allow CODE "reason"`), checked: each a known
    /// warning's code, at most once. `Pipeline` applies them.
    public let allowances: [Allowance]

    package init(ruleSet: RuleSet?, found: DiagnosticBag, sources: SourceMap, allowances: [Allowance] = [], errorsFirst: Bool = false) {
        self.ruleSet = ruleSet
        self.diagnostics = found.sorted(errorsFirst: errorsFirst)
        self.sources = sources
        self.found = found
        self.allowances = allowances
    }

    init(ruleSet: RuleSet?, diagnostics: [Diagnostic], sources: SourceMap) {
        self.init(ruleSet: ruleSet, found: DiagnosticBag(diagnostics), sources: sources)
    }

    /// Errors; never suppressed.
    public var errorCount: Int { diagnostics.count(where: { $0.severity == .error }) }
    /// Warnings that count: those no `allow` accepts.
    public var warningCount: Int { diagnostics.count(where: { $0.severity == .warning && !$0.isSuppressed }) }
    /// Warnings an `allow` accepts: still reported in JSON and SARIF, never failing `--strict`.
    public var suppressedCount: Int { diagnostics.count { $0.isSuppressed } }
}

/// Resolves names, types and money in parsed rule files and builds a `RuleSet`.
///
/// The checker never throws and never stops at the first problem: each declaration
/// is checked on its own, and a declaration that failed is left out of later
/// checks (so one mistake gives one diagnostic, not a cascade).
public struct Checker {
    var diagnostics = DiagnosticBag()
    let sources: SourceMap
    let zones: (any TimeZoneDatabase)?
    var declarations = DeclarationTable()
    /// True while checking an experiment arm's rules, which hold no experiment of their own.
    var isArmRun = false
    /// The arm whose rules an arm run checks: its pinned tests are checked there.
    var pinnedArm: ExperimentPin?
    /// The experiments, checked; their arms' rules are derived after the run.
    var checkedExperiments: [CheckedExperiment] = []

    // Resolved so far, filled pass by pass.
    var baseCurrency: Currency?
    /// The shop's `unit`, or coins; set by `checkSettings` before any count is read.
    var unit = CoinUnit.coins
    var currencies = CurrencyTable()
    /// The first currencies `currency(_:)` found, emptied whenever `currencies` changes.
    var recentCurrencies: [Currency] = []
    var rates: [String: ExactDecimal] = [:]
    var roundingRules: [String: RoundingRule] = [:]
    var allowances: [Allowance] = []
    var scopedRoundingRules: [ScopedRoundingRule] = []
    var regions: [String: Region] = [:]
    /// The codes of `regions`, for a use to be checked without a lookup.
    var regionCodes = RegionCodeSet()
    var markets: [String: Market] = [:]
    var channels: [String: Channel] = [:]
    var bundles: [String: Bundle] = [:]
    var customAmounts: [String: CustomAmount] = [:]
    var userAttributes: [String: UserAttribute] = [:]
    var usedUserAttributes: Set<String> = []
    /// The first attributes conditions used, each already in `usedUserAttributes`.
    var recentAttributes: [UserAttribute] = []
    var reportedUnknownAttribute = false
    /// Values of each `one of` attribute, to look a value up without a scan.
    var oneOfValues: [String: Set<String>] = [:]
    /// Each market's regions as the set a condition holds, shared by every condition
    /// that names the market.
    var marketRegionSets: [String: Set<String>] = [:]
    /// The day sets of weekly schedules, by their mask of days (see `weekdaySet`).
    var weekdaySets: [Set<Int>?] = []
    /// Lists and values resolved without a problem, by their text and field.
    var resolvedValues = ResolvedValues()
    /// Names compared so far for "did you mean" help (see `suggestion`).
    var suggestionComparisons = 0

    /// Checks the parsed files of a rule set together, as one rule set. The parser's
    /// diagnostics come with them, so the result holds every problem of both phases.
    ///
    /// `zones` validates zone names; pass nil to accept any (the core alone cannot
    /// read the IANA database). `Pipeline.check` parses, checks and compiles in one call.
    public static func check(_ parsed: ParsedSources, zones: (any TimeZoneDatabase)?) -> CheckResult {
        // A file that could not be read as text at all hides what it declares: checking
        // the rest would only report its absence, so stop at its own error.
        if parsed.hasUnreadableFile { return CheckResult(ruleSet: nil, found: parsed.diagnostics, sources: parsed.sources) }
        var checker = Checker(sources: parsed.sources, zones: zones)
        checker.diagnostics = parsed.diagnostics
        var ruleSet = checker.run(parsed.files)
        if ruleSet != nil, !checker.checkedExperiments.isEmpty {
            let experiments = ExperimentArms.derive(checker.checkedExperiments, files: parsed.files, sources: parsed.sources,
                                                    zones: zones, into: &checker.diagnostics)
            ruleSet?.experiments = experiments
            if checker.diagnostics.hasErrors { ruleSet = nil }
        }
        return CheckResult(ruleSet: ruleSet, found: checker.diagnostics, sources: parsed.sources, allowances: checker.allowances)
    }

    init(sources: SourceMap, zones: (any TimeZoneDatabase)?) {
        self.sources = sources
        self.zones = zones
    }

    mutating func run(_ files: [RuleFile]) -> RuleSet? {
        declarations.reserve(promotions: files.reduce(0) { count, file in
            count + file.declarations.count { if case .promotion = $0 { true } else { false } }
        })
        for file in files {
            for declaration in file.declarations { declarations.collect(declaration, into: &diagnostics) }
            for incomplete in file.incomplete { declarations.collect(incomplete) }
        }
        checkAllowances()
        checkSettings()
        checkRegionsMarketsChannels()
        checkPricePointTables()
        checkScopedRoundings()
        checkCatalog()
        reportZeroPrices()
        checkUserAttributes()
        let promotions = checkPromotions()
        if !isArmRun { checkedExperiments = checkExperiments() }
        let tests = checkTests()
        let guards = checkGuards()
        reportUnusedUserAttributes()

        guard !diagnostics.hasErrors, let baseCurrency else { return nil }
        let ruleSet = RuleSet(
            baseCurrency: baseCurrency,
            stacking: declarations.stacking.first?.mode ?? .additive,
            floor: declarations.floor.first.map { Percentage($0.percent.value) } ?? .zero,
            currencies: currencies,
            rates: rates,
            roundingRules: roundingRules,
            rateSpans: spans(declarations.rates.map { ($0.currency.text, $0.span) }, keeping: rates.keys),
            roundingSpans: spans(declarations.roundings.filter { $0.isCurrencyWide }.map { ($0.currency.text, $0.span) },
                                 keeping: roundingRules.keys),
            scopedRoundingRules: scopedRoundingRules,
            regions: regions.values.sorted { $0.code < $1.code },
            markets: markets.values.sorted { $0.name < $1.name },
            channels: channels.values.sorted { $0.name < $1.name },
            bundles: bundles.values.sorted { ($0.coins, $0.name) < ($1.coins, $1.name) },
            customAmounts: customAmounts.values.sorted { $0.name < $1.name },
            explicitPrices: checkedPrices,
            pricePointTables: pricePointTables,
            userAttributes: userAttributes.values.sorted { $0.name < $1.name },
            promotions: promotions,
            gifts: checkedGifts,
            payout: checkedPayout,
            tests: tests,
            guards: guards,
            zoneOffsets: zoneOffsets(regions: Array(regions.values), promotions: promotions, tests: tests),
            sources: sources,
            unit: unit
        )
        // Prices that derive past 64 bits: the rules must not ship with cells no quote can price.
        diagnostics.add(contentsOf: UncomputablePrices.diagnostics(ruleSet))
        // Cells a price-point table is asked to price and cannot.
        diagnostics.add(contentsOf: PricePointCoverage.diagnostics(ruleSet))
        return diagnostics.hasErrors ? nil : ruleSet
    }

    /// The first declaration of each name that made it into the rule set.
    private func spans(_ declared: [(String, SourceSpan)], keeping kept: some Sequence<String>) -> [String: SourceSpan] {
        let kept = Set(kept)
        return Dictionary(keepingFirstOf: declared.filter { kept.contains($0.0) })
    }

    /// Most decimals a percentage may have: with 6, every percentage is an exact
    /// fraction with a denominator of at most 10^8, so tax, fees and discounts are
    /// computed exactly in 128 bits.
    static let maxPercentDecimals = 6

    /// The range zone tables cover: 2000-01-01 to 2100-01-01, the instants a quote accepts.
    static let zoneTableRange: (start: Int64, end: Int64) = (QuoteRequest.coveredInstants.lowerBound, QuoteRequest.coveredInstants.upperBound)

    /// Offset tables for every zone the rules name. Built here, where the zone
    /// database is at hand, so that the checked rule set quotes on its own.
    private func zoneOffsets(regions: [Region], promotions: [Promotion], tests: [RuleTest]) -> [String: ZoneOffsets] {
        var names: Set<String> = ["UTC"]
        names.formUnion(regions.map { $0.zone })
        // By index, not `for promotion in`: that copied each promotion whole to read a zone.
        for index in promotions.indices {
            if case .named(let zone)? = promotions[index].window?.zone { names.insert(zone) }
            if case .named(let zone)? = promotions[index].weekly?.zone { names.insert(zone) }
        }
        for test in tests { if case .named(let zone) = test.zone { names.insert(zone) } }
        var tables: [String: ZoneOffsets] = [:]
        for name in names {
            tables[name] = zones?.offsets(zone: name, from: Self.zoneTableRange.start, to: Self.zoneTableRange.end) ?? .fixed(0)
        }
        return tables
    }

    // Results of passes that are plain lists.
    var checkedPrices: [ExplicitPrice] = []
    var pricePointTables: [String: PricePointTable] = [:]
    var checkedGifts: [Gift] = []
    var checkedPayout: Payout?

    // MARK: - Reporting

    mutating func report(_ code: DiagnosticCode, _ message: String, at span: SourceSpan,
                         notes: [DiagnosticNote] = [], help: String? = nil) {
        diagnostics.add(Diagnostic(code, message, at: span, notes: notes, help: help))
    }

    // MARK: - Shared resolution

    /// The currency named by `code`, or a diagnostic with a suggestion.
    mutating func currency(_ code: Code) -> Currency? {
        // A shop prices in a few currencies thousands of times: those found already
        // are compared in place, not looked up in two tables.
        for index in recentCurrencies.indices where recentCurrencies[index].code == code.text {
            return recentCurrencies[index]
        }
        if let currency = currencies[code.text] {
            if recentCurrencies.count < 4 { recentCurrencies.append(currency) }
            return currency
        }
        // A malformed code was reported by the parser; a broken declaration where it stands.
        let wellFormed = code.text.utf8.count == 3 && code.text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        if !wellFormed || declarations.didFail("currency", code.text) { return nil }
        report(.unknownCurrency, "unknown currency `\(code.text)`", at: code.span,
               help: (spendSuggestionBudget(ISO4217.entries.count + declarations.currencies.count)
                          ? Suggestion.help(for: code.text, among: currencies.allCodes) : nil)
                   ?? "use an ISO 4217 code, or declare it: `currency \(code.text) exponent 2`")
        return nil
    }

    /// An exact amount in its currency's minor units.
    mutating func money(_ literal: MoneyLiteral) -> Money? {
        guard let currency = currency(literal.currency) else { return nil }
        switch Money.exact(literal.amount.value, in: currency) {
        case .success(let money):
            return money
        case .failure(.tooManyDecimals(let allowed)):
            let text = sources[literal.span.file].text(of: literal.amount.span)
            let places = allowed == 0 ? "no decimals" : "\(allowed) decimal\(allowed == 1 ? "" : "s")"
            var help = "\(currency.code) has \(places)"
            if let below = literal.amount.value.truncated(toScale: allowed), below.significand < Int64.max {
                let above = ExactDecimal(significand: below.significand + 1, scale: allowed)
                help += ": write `\(below) \(currency.code)` or `\(above) \(currency.code)`"
            }
            report(.tooManyDecimals, "`\(text) \(currency.code)` has more decimals than \(currency.code) allows",
                   at: literal.amount.span, help: help)
            return nil
        case .failure(.overflow):
            report(.amountOverflow, "amount is too large for \(currency.code)", at: literal.span,
                   help: "amounts must fit in 64-bit minor units")
            return nil
        }
    }

    /// A positive amount in its minor units (prices, discounts).
    mutating func positiveMoney(_ literal: MoneyLiteral, _ what: String) -> Money? {
        guard let money = money(literal) else { return nil }
        if money.minorUnits <= 0 {
            report(.mustBePositive, "\(what) must be more than zero", at: literal.span)
            return nil
        }
        return money
    }

    /// Reports a currency that is neither the base currency nor has a rate.
    mutating func requireRate(_ currency: Currency, at span: SourceSpan, for what: String, notes: [DiagnosticNote] = []) {
        guard let baseCurrency, currency != baseCurrency, rates[currency.code] == nil else { return }
        // A rate that is declared but broken was reported where it stands.
        if declarations.isDeclared("rate", currency.code) || declarations.didFail("rate", currency.code) { return }
        report(.missingRate, "\(what) is in \(currency.code), which has no rate", at: span, notes: notes,
               help: "add `rate \(currency.code) R`, where R is the \(currency.code) for 1 \(baseCurrency.code)")
    }

    /// A whole, positive number from a literal already known to be an integer.
    mutating func positiveInteger(_ literal: NumberLiteral, _ what: String, allowZero: Bool = false) -> Int64? {
        guard let value = literal.value.integerValue else { return nil }
        if let word = literal.unit, !unit.accepts(word.text), !declarations.didFail("setting", "unit") {
            reportUnknownUnit(word, count: literal)
            return nil
        }
        if value < 0 || (value == 0 && !allowZero) {
            report(.mustBePositive, "\(what) must be \(allowZero ? "zero or more" : "more than zero")", at: literal.span)
            return nil
        }
        return value
    }

    /// A count's unit word that is neither `coins` nor the shop's unit (`gems` in a
    /// `unit bit, bits` shop). The help rewrites the count in the shop's plural,
    /// the word before the number in `expect bits 110`, after it elsewhere.
    private mutating func reportUnknownUnit(_ word: Name, count: NumberLiteral) {
        let number = text(count.span)
        let fix = word.span.start < count.span.start ? "\(unit.plural) \(number)" : "\(number) \(unit.plural)"
        let declared = unit == .coins ? "the rules declare no `unit`" : "the unit is `\(unit.singular), \(unit.plural)`"
        report(.unknownUnit, "unknown unit `\(word.text)`", at: word.span,
               help: "write `\(word.span.start < count.span.start ? "expect " : "")\(fix)`: \(declared)")
    }

    /// A percentage checked to lie within `low...high`.
    mutating func percentage(_ literal: PercentLiteral, _ what: String, from low: Int64, to high: Int64,
                             allowLow: Bool = true) -> Percentage? {
        // A whole percentage within the range (`discount 20%`, nearly every one) is
        // compared as an integer; any other goes the exact way, which reports.
        if literal.value.scale == 0 {
            let whole = literal.value.significand
            if (allowLow ? whole >= low : whole > low) && whole <= high { return Percentage(literal.value) }
        }
        let value = Percentage(literal.value)
        guard literal.value.significantScale <= Self.maxPercentDecimals else {
            report(.percentOutOfRange, "\(what) of `\(value)` has more than \(Self.maxPercentDecimals) decimals", at: literal.span,
                   help: "a percentage is exact to a millionth of a percent at most")
            return nil
        }
        let aboveLow = allowLow ? value.isWithin(low, Int64.max) : ExactDecimal.compare(literal.value, ExactDecimal(low)) > 0
        guard aboveLow, value.isWithin(Int64.min, high) else {
            let range = allowLow ? "from \(low)% to \(high)%" : "above \(low)%, up to \(high)%"
            report(.percentOutOfRange, "\(what) of `\(value)` is out of range", at: literal.span,
                   help: "\(what) must be \(range)")
            return nil
        }
        return value
    }

    func text(_ span: SourceSpan) -> String { sources[span.file].text(of: span) }

    /// `values` in backticks, comma-separated; past `Limits.maxListedValues` the
    /// rest are counted, so that a long `one of` does not make every message as long.
    package static func listed(_ values: [String]) -> String {
        let shown = values.prefix(Limits.maxListedValues).map { "`\($0)`" }.joined(separator: ", ")
        let more = values.count - Limits.maxListedValues
        return more > 0 ? "\(shown) and \(more) more" : shown
    }
}
