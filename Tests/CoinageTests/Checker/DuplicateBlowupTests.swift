@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Long lists check in linear time and report a repeated entry once, however
/// often it repeats: a file of a million `US` is one mistake, not a million
/// diagnostics (and not minutes of work building them).
@Suite struct DuplicateBlowupTests {
    static let count = 20_000

    static func repeated(_ entry: String, _ count: Int = Self.count) -> String {
        Array(repeating: entry, count: count).joined(separator: ", ")
    }

    static func warnings(_ result: CheckResult) -> [String] {
        result.diagnostics.filter { $0.code == .duplicateListEntry }.map(\.message)
    }

    @Test("a market listing one region thousands of times: one warning that counts them")
    func market() throws {
        let result = check("market m: " + Self.repeated("US") + "\n")
        #expect(Self.warnings(result) == ["`US` is listed \(Self.count) times in market `m`"])
        #expect(result.errorCount == 0)
        #expect(result.ruleSet?.markets.first?.regions == ["US"])
        let warning = try #require(result.diagnostics.first { $0.code == .duplicateListEntry })
        #expect(warning.help == "keep the first `US` and remove the other \(Self.count - 1)")
    }

    @Test("written twice, the message stays \"listed twice\"")
    func twice() {
        let result = check("market m: US, US\n")
        #expect(Self.warnings(result) == ["`US` is listed twice in market `m`"])
        #expect(result.diagnostics.first?.help == "remove the second `US`")
    }

    @Test("days of a weekly schedule")
    func weekdays() {
        let result = check("promotion p {\n  every " + Self.repeated("mon") + ", tue, tue\n  bonus 10%\n}\n")
        #expect(Self.warnings(result) == ["`mon` is listed \(Self.count) times", "`tue` is listed twice"])
        #expect(result.ruleSet != nil)
    }

    @Test("an unknown day repeated is reported unknown once")
    func unknownDayRepeated() {
        let result = check("promotion p {\n  every " + Self.repeated("mun", 1_000) + "\n  bonus 10%\n}\n")
        #expect(result.diagnostics.filter { $0.code == .unknownDay }.count == 1)
        #expect(Self.warnings(result) == ["`mun` is listed 1000 times"])
    }

    @Test("regions and bundles in a condition's list")
    func conditionLists() {
        let result = check("""
            channel web
            bundle b: 10 coins, 1.00 USD
            bundle c: 20 coins, 2.00 USD
            promotion p {
              when region in [\(Self.repeated("US"))] and bundle in [\(Self.repeated("b, c", Self.count / 2))]
              bonus 10%
            }
            """)
        #expect(Self.warnings(result) == [
            "`US` is listed \(Self.count) times", "`b` is listed \(Self.count / 2) times", "`c` is listed \(Self.count / 2) times",
        ])
        #expect(result.ruleSet != nil)
    }

    @Test("a long `one of` of distinct values, and one repeated")
    func oneOf() throws {
        let values = (0..<Self.count).map { "v\($0)" }.joined(separator: ", ")
        let result = check("user s: one of \(values), v7, v7\npromotion p {\n  when user.s in [v1, v\(Self.count - 1)]\n  bonus 10%\n}\n")
        #expect(Self.warnings(result) == ["`v7` is listed 3 times"])
        let attribute = try #require(result.ruleSet?.userAttributes.first)
        guard case .oneOf(let kept) = attribute.kind else { Issue.record("not one of"); return }
        #expect(kept.count == Self.count)
    }

    @Test("an unknown value of a long `one of` lists only the first values")
    func unknownValueListsAFew() throws {
        let values = (0..<1_000).map { "v\($0)" }.joined(separator: ", ")
        let result = check("user s: one of \(values)\npromotion p {\n  when user.s == nope\n  bonus 10%\n}\n")
        let unknown = try #require(result.diagnostics.first { $0.code == .unknownValue })
        let listed = (0..<Limits.maxListedValues).map { "`v\($0)`" }.joined(separator: ", ")
        #expect(unknown.notes.first?.message == "`s` is declared here with \(listed) and \(1_000 - Limits.maxListedValues) more")
    }

    @Test("a custom amount's channels")
    func customChannels() {
        let result = check("channel web\ncustom c: 1 to 10, 0.10 USD each, on [" + Self.repeated("web") + "]\n")
        #expect(Self.warnings(result) == ["`web` is listed \(Self.count) times"])
    }

    /// Each use of a name used to copy every declared name of its kind into arrays.
    @Test("thousands of bundles each named in one condition")
    func manyDistinctReferences() {
        let n = 3_000
        let bundles = (0..<n).map { "bundle b\($0): \($0 + 1) coins, 1.00 USD\n" }.joined()
        let list = (0..<n).map { "b\($0)" }.joined(separator: ", ")
        let result = check("channel web\n" + bundles + "promotion p {\n  when bundle in [\(list)]\n  bonus 10%\n}\n")
        #expect(result.errorCount == 0)
        #expect(result.ruleSet?.bundles.count == n)
    }

    @Test("did-you-mean help stops once its budget of comparisons is spent")
    func suggestionBudget() {
        var checker = Checker(sources: SourceMap(), zones: nil)
        let first = checker.suggestion(for: "coins_7", among: ["coins_70"], count: 1)
        #expect(first == "did you mean `coins_70`?")
        let granted = checker.spendSuggestionBudget(Limits.maxSuggestionComparisons - 1)
        #expect(granted)
        let spent = checker.suggestion(for: "coins_7", among: ["coins_70"], count: 1)
        #expect(spent == nil)
        let more = checker.spendSuggestionBudget(1)
        #expect(!more)
    }

    @Test("two markets pricing many bundles in the same regions: one conflict per bundle, every region named once")
    func conflictingMarketPrices() {
        let codes = ["DE", "FR", "IT"]
        var text = "rate EUR 0.9\n" + codes.map { "region \($0): EUR\n" }.joined()
        text += "market a: DE, FR, IT\nmarket b: DE, FR, IT\n"
        for index in 0..<200 {
            text += "bundle b\(index): \(index + 1) coins, 1.00 USD\nprice b\(index) in a: 0.99 EUR\nprice b\(index) in b: 0.98 EUR\n"
        }
        let conflicts = check(text).diagnostics.filter { $0.code == .conflictingExplicitPrices }
        #expect(conflicts.count == 200)
        #expect(conflicts.first?.message == "`b0` has two prices for `DE`, `FR`, `IT`: one from market `a`, one from market `b`")
    }

    @Test("many custom amounts on their own channels do not overlap; on shared ones each is reported once")
    func overlappingCustomAmounts() {
        let own = (0..<500).map { "channel c\($0)\ncustom k\($0): 1 to 10, 0.01 USD each, on c\($0)\n" }.joined()
        #expect(check(own).diagnostics.filter { $0.code == .overlappingCustomAmounts }.isEmpty)
        let shared = "channel web\n" + (0..<4).map { "custom k\($0): 1 to 10, 0.01 USD each, on web\n" }.joined()
        let overlaps = check(shared).diagnostics.filter { $0.code == .overlappingCustomAmounts }
        #expect(overlaps.map(\.message) == [
            "custom amounts `k0` and `k1` are both sold on one channel",
            "custom amounts `k0` and `k2` are both sold on one channel",
            "custom amounts `k0` and `k3` are both sold on one channel",
        ])
    }
}
