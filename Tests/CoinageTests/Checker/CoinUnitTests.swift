@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// The shop's `unit`: which words a count accepts, the condition field under the
/// shop's plural, and the words a quote's explanation uses.
@Suite struct CoinUnitTests {
    @Test func aRuleSetWithoutUnitCountsInCoins() throws {
        let rules = try #require(ruleSet("bundle coins_70: 70 coins, 0.99 USD\n"))
        #expect(rules.unit == .coins)
        #expect(rules.unit.count(1) == "1 coin")
        #expect(rules.unit.count(70) == "70 coins")
    }

    @Test func theShopsWordsAndCoinsAreAcceptedEverywhereACountIsWritten() throws {
        let rules = try #require(ruleSet("""
            unit bit, bits
            bundle bits_100: 100 bits, 1.40 USD, bonus 1 bit
            bundle bits_500: 500 coins, 6.00 USD, bonus 10 coin
            gift cheer: 1 bit
            promotion big { 
              when bits >= 500 and coins < 10_000
              bonus 10 bits
            }
            test "t" {
              quote bits_500 in US
              expect bits 510
              expect coins 510
            }
            custom bits: 1 to 1_000, 0.014 USD each

            """))
        #expect(rules.unit == CoinUnit(singular: "bit", plural: "bits"))
        #expect(rules.bundles.map(\.bonusCoins) == [1, 10])
        #expect(rules.gifts.map(\.coins) == [1])
        #expect(rules.unit.count(1) == "1 bit")
        #expect(rules.unit.count(2) == "2 bits")
    }

    @Test func aWordThatIsNeitherCoinsNorTheUnitIsE0116WithTheFix() {
        let result = check("unit bit, bits\nbundle b: 100 gems, 1.40 USD\n")
        #expect(result.diagnostics.map(\.code) == [.unknownUnit])
        #expect(result.diagnostics.first?.message == "unknown unit `gems`")
        #expect(result.diagnostics.first?.help == "write `100 bits`: the unit is `bit, bits`")
    }

    @Test func withoutAUnitDeclarationOnlyCoinsIsACount() {
        let result = check("bundle b: 100 bits, 1.40 USD\n")
        #expect(result.diagnostics.map(\.code) == [.unknownUnit])
        #expect(result.diagnostics.first?.help == "write `100 coins`: the rules declare no `unit`")
    }

    @Test func theShopsPluralIsTheCoinsFieldOnlyInThatShop() {
        #expect(check("bundle b: 1 coin, 1.00 USD\npromotion p {\n  when bits >= 5\n  discount 5%\n}\n")
            .diagnostics.map(\.code) == [.unknownField])
        #expect(check("unit bit, bits\nbundle b: 1 bit, 1.00 USD\npromotion p {\n  when bits\n  discount 5%\n}\n")
            .diagnostics.map(\.code) == [.conditionNotBoolean])
    }

    @Test func aPluralThatIsAnotherConditionFieldIsReserved() {
        #expect(check("unit region, region\n").diagnostics.map(\.code) == [.reservedName])
    }

    @Test func aSecondUnitIsADuplicateSetting() {
        let result = check("unit bit, bits\nunit gem, gems\n")
        #expect(result.diagnostics.map(\.code) == [.duplicateDeclaration])
    }

    @Test func explanationsAndRefusalsCountInTheUnit() throws {
        let rules = try #require(ruleSet("""
            unit gem, gems
            bundle gems_100: 100 gems, 1.40 USD
            custom gems: 10 to 1_000, 0.014 USD each
            promotion big {
              when gems >= 100
              bonus 10 gems
            }

            """))
        let book = PriceBook(rules)
        #expect(book.unit.plural == "gems")
        let instant: Int64 = 1_800_000_000
        let request = QuoteRequest(item: .coins(1), region: "US", instant: instant, explain: true)
        guard case .failure(let error) = book.quote(request) else {
            Issue.record("1 gem is below the custom amount")
            return
        }
        #expect(error.message == "1 gem is below the smallest custom amount of `gems`")
        #expect(error.help == "a custom amount runs from 10 to 1000 gems")
        let bundle = QuoteRequest(item: .bundle("gems_100"), region: "US", instant: instant, explain: true)
        let quote = try book.quote(bundle).get()
        #expect(quote.explanation?.promotions.first?.detail == "applied: +10 bonus gems")
    }
}
