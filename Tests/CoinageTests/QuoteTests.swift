@testable import Coinage
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

    @Test func hugeRateTimesHugeBaseIsAnOverflowError() throws {
        // 90 000 000 000 000 000.00 USD (9×10^18 cents, fits Int64) × 10^12 JPY per USD
        // = 9×10^28 JPY: does not fit.
        let book = try #require(F.book("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 90_000_000_000_000_000.00 USD
            bundle small: 1 coin, 1.00 USD
            """))
        #expect(error(book, .bundle("big"), "JP", nil)?.kind == .overflow)
        // In the US the list price fits (9×10^18 cents), but the tax added does not:
        // 9×10^18 × 7.25% = 6.525×10^17; 9×10^18 + 6.525×10^17 > Int64.max ≈ 9.223×10^18
        #expect(error(book, .bundle("big"), "US", nil)?.kind == .overflow)
        // The rest of the price book is unaffected: 1.00 × 10^12 = 10^12 JPY
        #expect(try quote(book, .bundle("small"), "JP", nil).list.minorUnits == 1_000_000_000_000)
        // explain on an overflowing cell: no explanation, no trap
        #expect(book.explainListPrice(bundle: "big", region: "JP", channel: nil) == nil)
    }

    @Test func overflowFittingUInt64ButNotInt64() throws {
        // 10 000 000.00 USD × 10^12 = 10^19 JPY: fits UInt64 (≤ 1.8×10^19) but not Int64.
        let book = try #require(F.book("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            bundle big: 1 coin, 10_000_000.00 USD
            """))
        #expect(error(book, .bundle("big"), "JP", nil)?.kind == .overflow)
    }

    @Test func customAmountOverflowIsAnError() throws {
        // 10^12 coins × 1 000 000 USD × 10^12 JPY per USD = 10^30 JPY
        let book = try #require(F.book("""
            rate JPY 1_000_000_000_000
            region JP: JPY
            custom coins: 1 to 1_000_000_000_000, 1_000_000 USD each
            """))
        #expect(error(book, .coins(1_000_000_000_000), "JP", nil)?.kind == .overflow)
        // 1 coin × 10^6 × 10^12 = 10^18 JPY fits
        #expect(try quote(book, .coins(1), "JP", nil).list.minorUnits == 1_000_000_000_000_000_000)
    }

    @Test func quotesAreExactOrOverflowNeverWrongForHugeTaxedPrices() throws {
        // 3 000 000.01 USD with a precise tax rate. The exact tax is
        // 300 000 001 × 0.071234567891 = 21 370 370.438… → 21 370 370 cents, which fits; the
        // intermediate 300 000 001 × 71 234 567 891 does not fit 64 bits. Either the exact
        // answer or an `overflow` error is acceptable; a wrong number or a trap is not.
        let book = try #require(F.book("""
            region PR: USD, tax 7.1234567891% added
            bundle big: 1 coin, 3_000_000.01 USD
            """))
        switch book.quote(QuoteRequest(item: .bundle("big"), region: "PR", instant: PricingFixtures.instant)) {
        case .success(let q):
            #expect(q.tax.amount.minorUnits == 21_370_370 && q.total.minorUnits == 321_370_371)
        case .failure(let e):
            #expect(e.kind == .overflow)
        }
    }

    // MARK: Known bugs

    @Test func feeThatOverflowsIsNotSilentlyZero() throws {
        // Price 70 000 000 000 000 000.01 USD = 7 000 000 000 000 000 001 cents in a region
        // without tax; fee 30% = 2 100 000 000 000 000 000.3 → 2 100 000 000 000 000 000;
        // proceeds = 4 900 000 000 000 000 001 (or an `overflow` error).
        // The intermediate 7 000 000 000 000 000 001 × 3 does not fit 64 bits, and
        // `QuoteEvaluation` computes the fee with `try? … ?? 0`: proceeds = the whole price.
        let book = try #require(F.book("""
            region EC: USD
            channel ios: fee 30%
            bundle big: 1 coin, 70_000_000_000_000_000.01 USD
            """))
        withKnownIssue("the channel fee is `try? … ?? 0`: an overflowing fee becomes 0 and proceeds are the whole price") {
            switch book.quote(QuoteRequest(item: .bundle("big"), region: "EC", channel: "ios", instant: PricingFixtures.instant)) {
            case .success(let q):
                #expect(q.proceeds.minorUnits == 4_900_000_000_000_000_001)
            case .failure(let e):
                #expect(e.kind == .overflow)
            }
        }
    }

    @Test func taxRateThatDoesNotFitAFractionIsNotSilentlyZero() throws {
        // tax 7.123456789012345679% = 7123456789012345679 / 10^20 of the price: the
        // denominator 10^20 does not fit 64 bits. The checker accepts it (18 decimals).
        // Exact tax on 10.00 USD: 1000 × 0.07123456789012345679 = 71.23… → 71; total 1071.
        // `PriceBook.init` computes tax shares with `try? … ?? .zero`: tax 0, total 1000.
        let book = try #require(F.book("""
            region PR: USD, tax 7.123456789012345679% added
            bundle b: 1 coin, 10.00 USD
            """))
        withKnownIssue("tax shares that overflow become 0 (`try? … ?? .zero` in PriceBook.init)") {
            switch book.quote(QuoteRequest(item: .bundle("b"), region: "PR", instant: PricingFixtures.instant)) {
            case .success(let q):
                #expect(q.tax.amount.minorUnits == 71 && q.total.minorUnits == 1071)
            case .failure(let e):
                #expect(e.kind == .overflow)
            }
        }
    }

    @Test func feeRateThatDoesNotFitAFractionIsNotSilentlyZero() throws {
        // fee 3.123456789012345679% = 3123456789012345679 / 10^20: the denominator does not fit.
        // Exact fee on 9.99 USD (no tax): 999 × 0.03123456789012345679 = 31.20… → 31; proceeds 968.
        // `PriceBook.init` computes fee shares with `try?`: fee 0, proceeds 999.
        let book = try #require(F.book("""
            region EC: USD
            channel ios: fee 3.123456789012345679%
            bundle b: 1 coin, 9.99 USD
            """))
        withKnownIssue("fee shares that overflow become 0 (`try?` in PriceBook.init)") {
            switch book.quote(QuoteRequest(item: .bundle("b"), region: "EC", channel: "ios", instant: PricingFixtures.instant)) {
            case .success(let q):
                #expect(q.proceeds.minorUnits == 968)
            case .failure(let e):
                #expect(e.kind == .overflow)
            }
        }
    }

    @Test func customAmountThatFitsIsNotAnOverflow() throws {
        // 2 499 999 coins × 0.0106 USD = 26 499.9894 USD × 29 582.1719 = 783 927 241.778… VND
        // × 64.3% = 504 065 216.464 VND → 504 065 216 VND: fits easily. The exact fraction after the
        // channel level is 25 203 260 823 194 138 199 / (5 × 10^10), whose numerator is above
        // UInt64.max, so the quote is an `overflow` error.
        let book = try #require(F.book("""
            rate VND 29_582.1719
            region VN: VND
            channel web: level 64.3%
            custom coins: 30 to 2_500_000, 0.0106 USD each
            """))
        withKnownIssue("custom amounts overflow on the exact fraction even when the rounded price fits") {
            let quote = try book.quote(QuoteRequest(item: .coins(2_499_999), region: "VN", channel: "web", instant: PricingFixtures.instant)).get()
            #expect(quote.list.minorUnits == 504_065_216)
        }
        // 2 500 000 coins: 26 500 × 29 582.1719 × 64.3% = 504 065 418.09 → fits on the way too:
        // 26500 × 295821719/10000 = 783 927 555.35 → × 643/1000 = 504 065 418.09 → 504 065 418
        #expect(try book.quote(QuoteRequest(item: .coins(2_500_000), region: "VN", channel: "web", instant: PricingFixtures.instant)).get().list.minorUnits
            == 504_065_418)
    }
}
