@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// Quotes without promotions: list price, tax (included and added), proceeds after
/// the channel fee, custom amounts, and every request error.
@Suite struct QuoteTests {
    typealias F = PricingFixtures

    static let shop = """
        rate JPY 150
        rate KWD 0.307
        rate EUR 0.92
        rate INR 84
        round JPY nearest 10
        round EUR nearest 1.00 ending 0.99
        round INR up 10 ending 9
        region JP: JPY, tax 10% included
        region KW: KWD
        region DE: EUR, tax 19% included
        region IN: INR, tax 18% included, level 60%
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 38 coins
        bundle two: 200 coins, 2.00 USD
        custom coins: 30 to 2_500_000, 0.0106 USD each, on web
        """

    private func quote(_ book: PriceBook, _ item: QuoteRequest.Item, _ region: String, _ channel: String?) throws -> Quote {
        try book.quote(QuoteRequest(item: item, region: region, channel: channel, instant: PricingFixtures.instant)).get()
    }

    private func error(_ book: PriceBook, _ item: QuoteRequest.Item, _ region: String, _ channel: String?) -> QuoteError? {
        guard case .failure(let error) = book.quote(QuoteRequest(item: item, region: region, channel: channel, instant: PricingFixtures.instant)) else { return nil }
        return error
    }

    // MARK: Tax included (DE 19%)

    @Test func taxIncludedInGermanyOnIOS() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .bundle("coins_700"), "DE", "ios")
        // list = price = 8.99 EUR (see ListPriceTests: 9.99 × 0.92 = 9.1908 → 8.99)
        #expect(q.list.minorUnits == 899 && q.price.minorUnits == 899 && q.currency == F.eur)
        // tax = 899 × 0.19/1.19 = 899 × 19/119 = 17081/119 = 143.537… → 144 (1.44 EUR)
        #expect(q.tax.amount == Money(minorUnits: 144, currency: F.eur))
        #expect(q.tax.included && q.tax.rate == Percentage(ExactDecimal(19)))
        // total = price = 899
        #expect(q.total == Money(minorUnits: 899, currency: F.eur))
        // net = total − tax = 899 − 144 = 755, and tax + net == total
        let net = q.total.minorUnits - q.tax.amount.minorUnits
        #expect(net == 755 && q.tax.amount.minorUnits + net == q.total.minorUnits)
        // fee 30% of 755 = 226.5 → half-even → 226; proceeds = 755 − 226 = 529 (5.29 EUR)
        #expect(q.proceeds == Money(minorUnits: 529, currency: F.eur))
        // coins: 700 + 38 bonus
        #expect(q.coins.base == 700 && q.coins.bonus == 38 && q.coins.total == 738)
        #expect(q.item == "coins_700" && !q.isCustomAmount && q.region == "DE" && q.channel == "ios")
        #expect(q.discounts.isEmpty && q.applied.isEmpty && q.ruleSetHash == book.contentHash)
    }

    @Test func taxIncludedInGermanyOnTheWeb() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .bundle("coins_700"), "DE", "web")
        // price 6.99 EUR; tax = 699 × 19/119 = 13281/119 = 111.605… → 112
        #expect(q.price.minorUnits == 699 && q.tax.amount.minorUnits == 112 && q.total.minorUnits == 699)
        // net = 699 − 112 = 587; tax + net == total
        #expect(q.tax.amount.minorUnits + 587 == q.total.minorUnits)
        // fee 3% of 587 = 17.61 → 18; proceeds = 587 − 18 = 569
        #expect(q.proceeds.minorUnits == 569)
    }

    @Test func taxIncludedInJPYAndNoTaxInKWD() throws {
        let book = try #require(F.book(Self.shop))
        let jp = try quote(book, .bundle("coins_700"), "JP", "ios")
        // 1500 JPY; tax = 1500 × 10/110 = 136.36… → 136; net = 1364
        // fee 30% of 1364 = 409.2 → 409; proceeds = 1364 − 409 = 955
        #expect(jp.total.minorUnits == 1500 && jp.tax.amount.minorUnits == 136 && jp.proceeds.minorUnits == 955)
        let kw = try quote(book, .bundle("coins_700"), "KW", "ios")
        // 3.067 KWD, no tax: tax 0, net 3067; fee 30% = 920.1 → 920; proceeds = 2147 (2.147 KWD)
        #expect(kw.total.minorUnits == 3067 && kw.tax.amount.minorUnits == 0 && kw.proceeds.minorUnits == 2147)
        #expect(kw.proceeds.description == "2.147 KWD")
    }

    // MARK: Tax added (US 7.25%)

    @Test func taxAddedInTheUSOnIOS() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .bundle("coins_700"), "US", "ios")
        // price 9.99; tax = 999 × 7.25% = 72.4275 → 72; total = 999 + 72 = 1071 (10.71 USD)
        #expect(q.price.minorUnits == 999)
        #expect(q.tax.amount == Money(minorUnits: 72, currency: F.usd) && !q.tax.included)
        #expect(q.total == Money(minorUnits: 1071, currency: F.usd))
        // net = price = 999; tax + net == total
        #expect(q.tax.amount.minorUnits + q.price.minorUnits == q.total.minorUnits)
        // fee 30% of 999 = 299.7 → 300; proceeds = 999 − 300 = 699
        #expect(q.proceeds.minorUnits == 699)
    }

    @Test func taxAddedInTheUSOnTheWeb() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .bundle("coins_700"), "US", "web")
        // price 7.49; tax = 749 × 7.25% = 54.3025 → 54; total = 803
        #expect(q.price.minorUnits == 749 && q.tax.amount.minorUnits == 54 && q.total.minorUnits == 803)
        // fee 3% of 749 = 22.47 → 22; proceeds = 727
        #expect(q.proceeds.minorUnits == 727)
    }

    @Test func taxAndFeeTiesRoundHalfEven() throws {
        let book = try #require(F.book(Self.shop))
        let ios = try quote(book, .bundle("two"), "US", "ios")
        // tax = 200 × 7.25% = 14.5 → tie → 14 (even); total 214
        // fee 30% of 200 = 60; proceeds 140
        #expect(ios.tax.amount.minorUnits == 14 && ios.total.minorUnits == 214 && ios.proceeds.minorUnits == 140)
        let web = try quote(book, .bundle("two"), "US", "web")
        // price = 2.00 × 75% = 1.50; tax = 150 × 7.25% = 10.875 → 11; total 161
        // fee 3% of 150 = 4.5 → tie → 4 (even); proceeds 146
        #expect(web.price.minorUnits == 150 && web.tax.amount.minorUnits == 11 && web.total.minorUnits == 161)
        #expect(web.proceeds.minorUnits == 146)
    }

    // MARK: Custom amounts

    @Test func customAmountAtTheLowEndOfItsRange() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .coins(30), "DE", "web")
        // 30 × 0.0106 = 0.318 USD × 0.92 = 0.29256 × 75% = 0.21942 EUR → 21.942 → 22 (0.22 EUR), no grid
        #expect(q.list == Money(minorUnits: 22, currency: F.eur) && q.price == q.list)
        #expect(q.item == "coins" && q.isCustomAmount && q.coins.base == 30 && q.coins.bonus == 0)
        // tax = 22 × 19/119 = 3.51… → 4; net 18; fee 3% = 0.54 → 1; proceeds 17
        #expect(q.tax.amount.minorUnits == 4 && q.total.minorUnits == 22 && q.proceeds.minorUnits == 17)
    }

    @Test func customAmountAtTheHighEndOfItsRange() throws {
        let book = try #require(F.book(Self.shop))
        let q = try quote(book, .coins(2_500_000), "DE", "web")
        // 2 500 000 × 0.0106 = 26 500 USD × 0.92 = 24 380 × 75% = 18 285.00 EUR → 1 828 500
        #expect(q.list == Money(minorUnits: 1_828_500, currency: F.eur))
        // tax = 1 828 500 × 19/119 = 291 945.378… → 291 945
        #expect(q.tax.amount.minorUnits == 291_945)
    }

    @Test func customAmountJustOutsideItsRange() throws {
        let book = try #require(F.book(Self.shop))
        let below = error(book, .coins(29), "DE", "web")
        #expect(below?.kind == .amountOutOfRange)
        #expect(below?.help?.contains("30") == true && below?.help?.contains("2500000") == true)
        #expect(error(book, .coins(2_500_001), "DE", "web")?.kind == .amountOutOfRange)
        #expect(error(book, .coins(0), "DE", "web")?.kind == .amountOutOfRange)
        #expect(error(book, .coins(-5), "DE", "web")?.kind == .amountOutOfRange)
        #expect(error(book, .coins(Int64.max), "DE", "web")?.kind == .amountOutOfRange)
    }

    @Test func customAmountsAreNotRoundedToAGrid() throws {
        let book = try #require(F.book(Self.shop))
        // JPY: 1000 × 0.0106 = 10.6 USD × 150 = 1590 × 75% = 1192.5 → half-even 1192
        //      (the JPY grid would give 1190; `nearest` ties-up would give 1193)
        #expect(try quote(book, .coins(1000), "JP", "web").list == Money(minorUnits: 1192, currency: F.jpy))
        // INR: 10.6 × 84 = 890.4 × 75% = 667.8 × 60% = 400.68 INR → 40068 (the INR grid would give 409.00)
        #expect(try quote(book, .coins(1000), "IN", "web").list == Money(minorUnits: 40068, currency: F.inr))
        // KWD: 10.6 × 0.307 = 3.2542 × 75% = 2.44065 KWD → 2440.65 fils → 2441
        #expect(try quote(book, .coins(1000), "KW", "web").list == Money(minorUnits: 2441, currency: F.kwd))
        // USD: 10.6 × 75% = 7.95 → 795; tax 795 × 7.25% = 57.6375 → 58; total 853
        let us = try quote(book, .coins(1000), "US", "web")
        #expect(us.list.minorUnits == 795 && us.tax.amount.minorUnits == 58 && us.total.minorUnits == 853)
    }

    @Test func customAmountOnAChannelThatDoesNotSellIt() throws {
        let book = try #require(F.book(Self.shop))
        // `on web` only: ios has no custom amount, even inside the range.
        let e = error(book, .coins(1000), "DE", "ios")
        #expect(e?.kind == .noCustomAmount)
        #expect(e?.help?.contains("`web`") == true)
        // Without any `custom` declaration at all.
        let plain = try #require(F.book("bundle b: 1 coin, 1.00 USD"))
        #expect(error(plain, .coins(100), "US", nil)?.kind == .noCustomAmount)
    }

    // MARK: Errors

    @Test func unknownBundleSuggestsTheClosestName() throws {
        let book = try #require(F.book(Self.shop))
        let e = try #require(error(book, .bundle("coins_7000"), "DE", "ios"))
        #expect(e.kind == .unknownBundle)
        // coins_7000 → coins_700 is one deletion away
        #expect(e.help == "did you mean `coins_700`?")
        #expect(e.message.contains("coins_7000"))
    }

    @Test func unknownRegionSuggestsTheClosestCode() throws {
        let book = try #require(F.book(Self.shop))
        let e = try #require(error(book, .bundle("coins_700"), "DF", "ios"))
        #expect(e.kind == .unknownRegion)
        // DF → DE is one substitution away
        #expect(e.help == "did you mean `DE`?")
        // A region the rules do not declare, even a real one, is unknown.
        #expect(error(book, .bundle("coins_700"), "FR", "ios")?.kind == .unknownRegion)
    }

    @Test func unknownChannel() throws {
        let book = try #require(F.book(Self.shop))
        let typo = try #require(error(book, .bundle("coins_700"), "DE", "wbe"))
        // wbe → web is one transposition away
        #expect(typo.kind == .unknownChannel && typo.help == "did you mean `web`?")
        let far = try #require(error(book, .bundle("coins_700"), "DE", "android"))
        #expect(far.kind == .unknownChannel && far.help?.contains("`ios`") == true)
        // A channel named where the rules declare none.
        let plain = try #require(F.book("bundle b: 1 coin, 1.00 USD"))
        #expect(error(plain, .bundle("b"), "US", "web")?.kind == .unknownChannel)
        // ... and no channel there is fine: 1.00 USD
        #expect(try quote(plain, .bundle("b"), "US", nil).list.minorUnits == 100)
    }

    @Test func missingChannelWhenChannelsAreDeclared() throws {
        let book = try #require(F.book(Self.shop))
        let e = try #require(error(book, .bundle("coins_700"), "DE", nil))
        #expect(e.kind == .missingChannel && e.help?.contains("`web`") == true)
        #expect(error(book, .coins(100), "DE", nil)?.kind == .missingChannel)
    }

    /// A price that cannot fit would only ever be refused as `overflow`: the checker
    /// refuses the rule set instead (E0407), naming the bundle and its cells.
    static func priceOverflows(_ body: String) -> [String] {
        check(body).diagnostics.filter { $0.code == .priceOverflow }.map(\.message)
    }

    @Test func hugeRateTimesHugeBaseIsAnOverflowError() throws {
        // 90 000 000 000 000 000.00 USD (9×10^18 cents, fits Int64) × 10^12 JPY per USD
        // = 9×10^28 JPY: does not fit. In the US the list price fits (9×10^18 cents), but
        // the tax added does not: 9×10^18 + 6.525×10^17 > Int64.max ≈ 9.223×10^18.
        #expect(Self.priceOverflows("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 90_000_000_000_000_000.00 USD
            bundle small: 1 coin, 1.00 USD
            """) == ["the price of `big` is too large to compute in `JP` and 1 more region or channel"])
        // Without `big`, the rest prices: 1.00 × 10^12 = 10^12 JPY.
        let book = try #require(F.book("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle small: 1 coin, 1.00 USD
            """))
        #expect(try quote(book, .bundle("small"), "JP", nil).list.minorUnits == 1_000_000_000_000)
    }

    @Test func overflowFittingUInt64ButNotInt64() throws {
        // 10 000 000.00 USD × 10^12 = 10^19 JPY: fits UInt64 (≤ 1.8×10^19) but not Int64.
        #expect(Self.priceOverflows("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 10_000_000.00 USD
            """) == ["the price of `big` is too large to compute in `JP`"])
    }

    @Test func customAmountOverflowIsAnError() throws {
        // 10^12 coins × 1 000 000 USD × 10^12 JPY per USD = 10^30 JPY
        #expect(Self.priceOverflows("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            custom coins: 1 to 1_000_000_000_000, 1_000_000 USD each
            """) == ["the largest price of the custom amount `coins` is too large to compute in `JP` and 1 more region or channel"])
        // Up to 9 coins: 9 × 10^6 × 10^12 = 9×10^18 JPY fits; 1 coin is 10^18 JPY.
        let book = try #require(F.book("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            custom coins: 1 to 9, 1_000_000 USD each
            """))
        #expect(try quote(book, .coins(1), "JP", nil).list.minorUnits == 1_000_000_000_000_000_000)
    }

    // MARK: Percentages: at most 6 decimals, and then exact

    /// The diagnostics of `body`, as `code message`.
    private func diagnostics(_ body: String) -> [String] {
        check(body).diagnostics.map { "\($0.code.rawValue) \($0.message)" }
    }

    @Test func taxRateWithMoreThanSixDecimalsIsRefused() throws {
        // tax 7.1234567891% (10 decimals) and 7.123456789012345679% (18): refused by the checker
        // (E0402), never priced — before, the second one silently became a 0 tax.
        for rate in ["7.1234567891", "7.123456789012345679", "7.1234561"] {
            let body = """
                region PR: USD, tax \(rate)% added
                bundle big: 1 coin, 3_000_000.01 USD
                """
            #expect(check(body).ruleSet == nil, "\(rate)")
            #expect(diagnostics(body) == ["E0402 a tax rate of `\(rate)%` has more than 6 decimals"])
        }
    }

    @Test func feeAndLevelWithMoreThanSixDecimalsAreRefused() throws {
        #expect(diagnostics("""
            region EC: USD
            channel ios: fee 3.123456789012345679%
            bundle b: 1 coin, 9.99 USD
            """) == ["E0402 a channel fee of `3.123456789012345679%` has more than 6 decimals"])
        let levels = check("""
            channel web: level 64.3000001%
            region VN: USD, level 96.9900001%
            bundle b: 1 coin, 9.99 USD
            """)
        #expect(levels.ruleSet == nil)
        #expect(Set(levels.diagnostics.map { "\($0.code.rawValue) \($0.message)" }) == [
            "E0402 a channel level of `64.3000001%` has more than 6 decimals",
            "E0402 a region level of `96.9900001%` has more than 6 decimals",
        ])
        // Trailing zeros are not decimals: 7.12345600% has 6.
        #expect(diagnostics("region PR: USD, tax 7.12345600% added\nbundle b: 1 coin, 10.00 USD\n").isEmpty)
    }

    @Test func sixDecimalTaxAndFeeAreExact() throws {
        let book = try #require(F.book("""
            region PR: USD, tax 7.123456% added
            region EC: USD
            channel ios: fee 3.123456%
            bundle b: 1 coin, 10.00 USD
            bundle c: 1 coin, 9.99 USD
            """))
        let taxed = try quote(book, .bundle("b"), "PR", "ios")
        // tax = 1000 × 7.123456% = 71.23456 → 71; total 1071
        #expect(taxed.tax.amount.minorUnits == 71 && taxed.total.minorUnits == 1071)
        #expect(taxed.tax.rate == Percentage(ExactDecimal(significand: 7_123_456, scale: 6)))
        // fee = 1000 × 3.123456% = 31.23456 → 31; proceeds = 1000 − 31 = 969
        #expect(taxed.proceeds.minorUnits == 969)
        let untaxed = try quote(book, .bundle("c"), "EC", "ios")
        // fee = 999 × 3.123456% = 31.20332544 → 31; proceeds = 999 − 31 = 968
        #expect(untaxed.tax.amount.minorUnits == 0 && untaxed.proceeds.minorUnits == 968)
    }

    @Test func sixDecimalTaxOnALargePriceIsExact() throws {
        // 3 000 000.01 USD with tax 7.123456% added:
        // 300 000 001 × 0.07123456 = 21 370 368.07123456 → 21 370 368; total 321 370 369.
        let book = try #require(F.book("""
            region PR: USD, tax 7.123456% added
            bundle big: 1 coin, 3_000_000.01 USD
            """))
        let q = try quote(book, .bundle("big"), "PR", nil)
        #expect(q.tax.amount.minorUnits == 21_370_368 && q.total.minorUnits == 321_370_369)
    }

    @Test func sixDecimalIncludedTaxAndFeeOnAHugePriceAreExact() throws {
        // 90 000 000 000 000 000.00 USD = 9×10^18 cents, tax 7.123456% included: the tax share is
        // 0.07123456/1.07123456 = 27 826/418 451, and 9×10^18 × 27 826 (after reducing, still
        // 2.5×10^23) needs more than 64 bits.
        // tax = 9×10^18 × 27 826/418 451 = 598 478 674 922 511 835.3… → 598 478 674 922 511 835
        // net = 9×10^18 − tax = 8 401 521 325 077 488 165
        // fee 2.999999% = 8 401 521 325 077 488 165 × 2 999 999/10^8 = 252 045 555 737 111 394.2… →
        // 252 045 555 737 111 394; proceeds = 8 149 475 769 340 376 771
        // Without the fixture's US region, whose added tax would not fit on this price.
        let book = PriceBook(try #require(check("""
            region EC: USD, tax 7.123456% included
            channel ios: fee 2.999999%
            bundle big: 1 coin, 90_000_000_000_000_000.00 USD
            """, header: "base currency USD\n").ruleSet))
        let q = try quote(book, .bundle("big"), "EC", "ios")
        #expect(q.total.minorUnits == 9_000_000_000_000_000_000)
        #expect(q.tax.amount.minorUnits == 598_478_674_922_511_835)
        #expect(q.proceeds.minorUnits == 8_149_475_769_340_376_771)
    }

    // MARK: Exact fees and custom amounts beyond 64-bit intermediates

    @Test func feeOnAHugePriceIsExact() throws {
        // Price 70 000 000 000 000 000.01 USD = 7 000 000 000 000 000 001 cents in a region
        // without tax; fee 30% = 2 100 000 000 000 000 000.3 → 2 100 000 000 000 000 000;
        // proceeds = 4 900 000 000 000 000 001. The intermediate 7 000 000 000 000 000 001 × 3
        // needs more than 64 bits (it used to make the fee a silent 0).
        let book = try #require(F.book("""
            region EC: USD
            channel ios: fee 30%
            bundle big: 1 coin, 70_000_000_000_000_000.01 USD
            """))
        let q = try quote(book, .bundle("big"), "EC", "ios")
        #expect(q.total.minorUnits == 7_000_000_000_000_000_001)
        #expect(q.proceeds.minorUnits == 4_900_000_000_000_000_001)
    }

    @Test func customAmountWithA128BitIntermediateIsExact() throws {
        // 2 499 999 coins × 0.0106 USD = 26 499.9894 USD × 29 582.1719 = 783 927 241.778… VND
        // × 64.3% = 504 065 216.46388… VND → 504 065 216 VND. The exact fraction after the channel
        // level is 25 203 260 823 194 138 199 / (5 × 10^10): its numerator is above UInt64.max.
        let book = try #require(F.book("""
            rate VND 29_582.1719
            region VN: VND
            channel web: level 64.3%
            custom coins: 30 to 2_500_000, 0.0106 USD each
            """))
        let quote = try self.quote(book, .coins(2_499_999), "VN", "web")
        #expect(quote.list.minorUnits == 504_065_216 && quote.price == quote.list)
        // 2 500 000 coins: 26 500 × 29 582.1719 × 64.3% = 504 065 418.09005 → 504 065 418
        #expect(try self.quote(book, .coins(2_500_000), "VN", "web").list.minorUnits == 504_065_418)
    }
}
