@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// The compiled walk (candidate cells, skipped conditions, the early stop at an
/// exclusive promotion, inline applied promotions and user facts) against
/// `ReferenceEvaluator` on seeded random rule sets and requests; and the `--explain`
/// walk against the fast one.
@Suite struct CompiledWalkPropertyTests {
    /// Rule sets per run, and requests per rule set: sized for a debug build.
    static let ruleSets: UInt64 = 100
    static let requestsPerRuleSet = 150

    /// What the whole run reached, so a generator that drifts into trivial rule sets
    /// fails the test instead of passing it.
    struct Coverage {
        var quotes = 0
        var errors = 0
        var applied = 0
        var moreThanInline = 0
        var cutByExclusive = 0
        var clipped = 0
        var skippedConditions = 0
        var secondCustomAmount = 0
        /// Books whose quotes walk candidate masks (`CandidateMasks`), and their cells'
        /// candidates decided by the buyer's fact classes, or tested one by one.
        var maskedBooks = 0
        var decidedByFacts = 0
        var testedOneByOne = 0
    }

    static func shop(_ text: String) -> CompiledShop? {
        var sources = SourceMap()
        sources.add(path: "walk.coin", text: text)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let rules = result.ruleSet else {
            Issue.record("the generator wrote rules that do not check: \(errors.map { "\($0.code.rawValue) \($0.message)" })\n\(text)")
            return nil
        }
        return CompiledShop(rules)
    }

    /// Compares one request three ways; returns what differs, described.
    static func compare(_ book: PriceBook, _ reference: ReferenceEvaluator, _ request: QuoteRequest,
                        coverage: inout Coverage) -> [String] {
        var fastRequest = request
        fastRequest.explain = false
        var explainedRequest = request
        explainedRequest.explain = true
        let fast = book.quote(fastRequest)
        let explained = book.quote(explainedRequest)
        let expected = reference.evaluate(request)
        var problems: [String] = []
        let fastOutcome = ReferenceEvaluator.outcome(of: fast)
        if fastOutcome != expected { problems.append("compiled:  \(fastOutcome)\n  reference: \(expected)") }
        let explainedOutcome = ReferenceEvaluator.outcome(of: explained)
        if explainedOutcome != fastOutcome { problems.append("explained: \(explainedOutcome)\n  fast:      \(fastOutcome)") }
        switch (fast, explained) {
        case (.success(let quick), .success(let traced)):
            coverage.quotes += 1
            coverage.applied += quick.applied.count
            if quick.isCustomAmount, quick.item != reference.rules.customAmounts.first?.name { coverage.secondCustomAmount += 1 }
            if quick.promotions.count > AppliedPromotions.inlineCapacity { coverage.moreThanInline += 1 }
            if quick.promotions != traced.promotions || quick.promotions.hashValue != traced.promotions.hashValue {
                problems.append("promotions differ: \(Array(quick.promotions)) vs \(Array(traced.promotions))")
            }
            if !quick.discounts.allSatisfy({ $0.amount.currency == quick.currency && $0.amount.minorUnits > 0 }) {
                problems.append("discount lines \(quick.discounts) in \(quick.currency)")
            }
            let traces = traced.explanation?.promotions ?? []
            coverage.cutByExclusive += traces.filter { $0.reason == .cutByExclusive }.count
            coverage.clipped += traces.filter { $0.reason == .clippedByFloor }.count
            let walkOrder = book.program.promotions.map(\.name)
            if traces.map(\.promotion) != walkOrder { problems.append("trace order \(traces.map(\.promotion)) vs walk \(walkOrder)") }
            if traces.filter(\.applied).map(\.promotion) != traced.applied {
                problems.append("trace applied \(traces.filter(\.applied).map(\.promotion)) vs \(traced.applied)")
            }
            for element in traced.promotions {
                let amount = traces.first { $0.promotion == element.promotion }?.discount?.minorUnits ?? 0
                if amount != (element.discount?.minorUnits ?? 0) { problems.append("trace amount of \(element.promotion): \(amount)") }
            }
        case (.failure(let a), .failure(let b)):
            coverage.errors += 1
            if a != b { problems.append("errors differ: \(a) vs \(b)") }
        default:
            break
        }
        return problems
    }

    @Test func theCompiledWalkAgreesWithTheReferenceOnRandomRuleSets() throws {
        var coverage = Coverage()
        var mismatches: [String] = []
        for seed in 0..<Self.ruleSets {
            var generator = WalkRuleGenerator(seed: 0xC0_1A6E + seed)
            let text = generator.text()
            guard let shop = Self.shop(text) else { continue }
            let book = shop.book
            coverage.skippedConditions += book.program.index.cells.entries.filter { !$0.needsCondition }.count
            let masks = book.program.masks
            if masks.coversBook {
                coverage.maskedBooks += 1
                coverage.decidedByFacts += masks.patterns.filter { $0.byFacts != 0 }.count
                coverage.testedOneByOne += masks.patterns.filter { $0.restTested | $0.wholeTested != 0 }.count
            }
            let reference = ReferenceEvaluator(shop)
            var requests = RequestGenerator(rules: shop.rules, seed: 0x5EED + seed)
            for index in 0..<Self.requestsPerRuleSet {
                var request = requests.next()
                // The request generator quotes the first custom amount only: now and
                // then, the others on their own channels.
                if index % 5 == 0, shop.rules.customAmounts.count > 1 {
                    let custom = shop.rules.customAmounts[index / 5 % shop.rules.customAmounts.count]
                    request.item = .coins(custom.minimumCoins + Int64(index))
                    request.channel = custom.channels.first
                }
                let problems = Self.compare(book, reference, request, coverage: &coverage)
                if !problems.isEmpty, mismatches.count < 6 {
                    mismatches.append("rule set \(seed), request #\(index) \(request)\n  " + problems.joined(separator: "\n  ")
                        + "\n--- rules ---\n\(text)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n\n"))")
        // The run reached what it is meant to test.
        #expect(coverage.quotes >= 3_000 && coverage.errors >= 100, "\(coverage)")
        #expect(coverage.applied >= 5_000 && coverage.moreThanInline >= 100, "\(coverage)")
        #expect(coverage.cutByExclusive >= 50 && coverage.clipped >= 50, "\(coverage)")
        #expect(coverage.skippedConditions >= 100 && coverage.secondCustomAmount >= 100, "\(coverage)")
        // The fast quotes walked masks, and the explained ones lists: the two walks agree.
        #expect(coverage.maskedBooks >= 50 && coverage.decidedByFacts >= 100 && coverage.testedOneByOne >= 100, "\(coverage)")
    }

    @Test func theGeneratorIsSeeded() {
        var a = WalkRuleGenerator(seed: 7)
        var b = WalkRuleGenerator(seed: 7)
        var c = WalkRuleGenerator(seed: 8)
        let text = a.text()
        #expect(text == b.text() && text != c.text())
    }
}
