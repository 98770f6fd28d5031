@testable import CoinageChecker
import CoinageSyntax
import Testing

/// What the checker resolves once and shares (a market's regions, a list written
/// again, a promotion's name) gives the same rules and the same diagnostics as
/// resolving each use on its own.
@Suite struct CheckerSharingTests {
    private static let header = """
        base currency USD
        rate EUR 0.92
        region US: USD
        region DE: EUR
        region FR: EUR
        market eurozone: DE, FR
        channel web
        channel ios
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_140: 140 coins, 1.99 USD
        user segment: one of vip, whale
        user bundle: one of coins_70, gold
        user tier: one of gold, silver

        """

    private static func check(_ body: String) -> CheckResult {
        var sources = SourceMap()
        sources.add(path: "t.coin", text: header + body)
        return Checker.check(ParsedSources(sources), zones: nil)
    }

    /// The diagnostics but the header's unused attributes.
    private static func found(_ result: CheckResult) -> [Diagnostic] {
        result.diagnostics.filter { $0.code != .unusedUserAttribute }
    }

    private static func condition(_ rules: RuleSet, _ name: String) -> Condition.Kind? {
        rules.promotion(name)?.condition?.kind
    }

    /// The kinds of the comparisons joined by `and`, left to right, without their spans.
    private static func terms(_ condition: Condition?) -> [Condition.Kind] {
        guard let condition else { return [] }
        if case .and(let left, let right) = condition.kind { return terms(left) + terms(right) }
        return [condition.kind]
    }

    @Test("a list or a market written in many promotions resolves the same in each")
    func sharedLists() throws {
        var body = ""
        for index in 0..<4 {
            body += "promotion p\(index) {\n  when bundle in [coins_70, coins_140] and region in eurozone and user.segment in [vip, whale] and channel == web\n  discount 5%\n}\n"
        }
        let result = Self.check(body)
        #expect(Self.found(result).isEmpty, "\(Self.found(result).map(\.message))")
        let rules = try #require(result.ruleSet)
        for index in 0..<4 {
            #expect(Self.terms(rules.promotion("p\(index)")?.condition) == [
                .bundle(["coins_70", "coins_140"]), .region(["DE", "FR"]), .userValue("segment", ["vip", "whale"]), .channel(["web"]),
            ])
        }
    }

    @Test("a field and a user attribute of the same name and list are read apart")
    func fieldAndAttributeApart() throws {
        let result = Self.check("""
            promotion a {
              when bundle in [coins_70]
              discount 5%
            }
            promotion b {
              when user.bundle in [coins_70]
              discount 5%
            }
            promotion c {
              when user.tier in [gold]
              discount 5%
            }
            promotion d {
              when user.bundle in [gold]
              discount 5%
            }
            """)
        #expect(Self.found(result).isEmpty, "\(Self.found(result).map(\.message))")
        let rules = try #require(result.ruleSet)
        #expect(Self.condition(rules, "a") == .bundle(["coins_70"]))
        #expect(Self.condition(rules, "b") == .userValue("bundle", ["coins_70"]))
        #expect(Self.condition(rules, "c") == .userValue("tier", ["gold"]))
        #expect(Self.condition(rules, "d") == .userValue("bundle", ["gold"]))
    }

    @Test("a list with a problem is reported wherever it is written, a good one once resolved is not")
    func problemsReportedEachTime() {
        let result = Self.check("""
            promotion a {
              when user.segment in [vip, gold]
              discount 5%
            }
            promotion b {
              when user.tier in [gold]
              discount 5%
            }
            promotion c {
              when user.segment in [vip, gold]
              discount 5%
            }
            promotion d {
              when bundle in [coins_70, coins_70]
              discount 5%
            }
            promotion e {
              when bundle in [coins_70, coins_70]
              discount 5%
            }
            """)
        let unknown = result.diagnostics.filter { $0.code == .unknownValue }
        #expect(unknown.count == 2)
        #expect(unknown.allSatisfy { $0.message == "`gold` is not a value of `user.segment`" })
        #expect(result.diagnostics.count(where: { $0.code == .duplicateListEntry }) == 2)
    }

    @Test("a list longer than the few entries compared one by one still finds every repeat")
    func longListRepeats() {
        let regions = ["GB", "IT", "ES", "NL", "BE", "AT", "PL", "SE", "NO", "DK", "FI", "IE"]
        let declared = regions.map { "region \($0): USD\n" }.joined()
        let list = (regions + [regions[0], regions[11], regions[11], regions[8]]).joined(separator: ", ")
        let result = Self.check(declared + "promotion p {\n  when region in [\(list)]\n  discount 5%\n}\n")
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics.map(\.message))")
        let repeats = result.diagnostics.filter { $0.code == .duplicateListEntry }.map(\.message)
        #expect(repeats == ["`GB` is listed twice", "`IE` is listed 3 times", "`NO` is listed twice"])
        #expect(result.ruleSet?.promotion("p")?.condition?.kind == .region(Set(regions)))
    }

    @Test("a promotion declared twice is reported at the second, with the first in a note")
    func duplicatePromotion() {
        let result = Self.check("""
            promotion p {
              discount 5%
            }
            promotion q {
              discount 5%
            }
            promotion p {
              discount 6%
            }
            """)
        let duplicates = result.diagnostics.filter { $0.code == .duplicateDeclaration }
        #expect(duplicates.count == 1)
        #expect(duplicates.first?.message == "promotion `p` is declared twice")
        #expect(duplicates.first?.notes.map(\.message) == ["first declared here"])
        #expect(duplicates.first?.help == "remove one of the two, or give them different names")
    }

    @Test("days of a schedule: a repeat warns, an unknown day is an error")
    func weekdays() {
        let result = Self.check("""
            promotion p {
              every tue, tue, sun
              discount 5%
            }
            promotion q {
              every tues
              discount 5%
            }
            """)
        #expect(Self.found(result).map(\.code) == [.duplicateListEntry, .unknownDay])
        #expect(result.diagnostics.last?.message == "unknown day `tues`")
    }
}
