@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

extension PricingFixtures {
    /// The sample shop in `rules/` at the package root.
    static func sampleShop() throws -> CompiledShop {
        let sources = try RulesDirectory.load(RepositoryPaths.sampleShop.path)
        let result = Checker.check(sources, zones: SystemTimeZones())
        let rules = try #require(result.ruleSet, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        return CompiledShop(rules)
    }
}

/// Gift quotes on the sample shop: `payout { share 50%, diamond 0.005 USD,
/// minimum 100.00 USD }`, `rate EUR 0.86`.
@Suite struct GiftQuoteTests {
    typealias F = PricingFixtures

    /// The German list prices of the sample shop, by hand (EUR grid: below 2.00 nearest 0.10
    /// ending 0.09; below 20.00 up 0.50 ending 0.49; else nearest 1.00 ending 0.99; rate 0.86;
    /// web level 75%):
    ///
    /// | bundle (coins+bonus) | ios/android                         | web                                   |
    /// |----------------------|-------------------------------------|---------------------------------------|
    /// | coins_70 (70)        | 0.8514 → 85.14 → 7.614 → 8 → 0.89  | 0.79 (eurozone on web)                |
    /// | coins_350 (388)      | 4.2914 → up 7.6028 → 8 → 4.49      | 3.99 (eurozone on web)                |
    /// | coins_700 (800)      | 8.5914 → up 16.2028 → 17 → 8.99    | 6.44355 → up 11.907 → 12 → 6.49       |
    /// | coins_1400 (1700)    | 17.1914 → up 33.4028 → 34 → 17.49  | 12.89355 → up 24.807 → 25 → 12.99     |
    /// | coins_3500 (4300)    | 42.9914 → 42.0014 → 42 → 42.99     | 32.24355 → 31.25355 → 31 → 31.99      |
    /// | coins_7000 (9000)    | 85.9914 → 85.0014 → 85 → 85.99     | 64.49355 → 63.50355 → 64 → 64.99      |
    /// | coins_17500 (23000)  | 214.9914 → 214.0014 → 214 → 214.99 | 161.24355 → 160.25355 → 160 → 160.99  |
    ///
    /// Per coin, in cents: the smallest is coins_17500 on web, 16099/23000 = 0.69996 (next:
    /// coins_7000 on web 6499/9000 = 0.72211, coins_3500 on web 3199/4300 = 0.74395).
    @Test func germanListPricesOfTheSampleShop() throws {
        let book = try F.sampleShop().book
        let expected: [(String, Int64, Int64)] = [
            ("coins_70", 89, 79), ("coins_350", 449, 399), ("coins_700", 899, 649), ("coins_1400", 1749, 1299),
            ("coins_3500", 4299, 3199), ("coins_7000", 8599, 6499), ("coins_17500", 21499, 16099),
        ]
        for (bundle, store, web) in expected {
            #expect(F.list(book, bundle, "DE", "ios")?.minorUnits == store, "\(bundle) ios")
            #expect(F.list(book, bundle, "DE", "android")?.minorUnits == store, "\(bundle) android")
            #expect(F.list(book, bundle, "DE", "web")?.minorUnits == web, "\(bundle) web")
        }
        let cheapest = try #require(book.cheapestPricePerCoin(region: "DE"))
        #expect(cheapest.perCoin == Fraction(16099, 23000)! && cheapest.bundle == "coins_17500" && cheapest.channel == "web")
    }

    @Test func oneRose() throws {
        let book = try F.sampleShop().book
        let gift = try book.giftQuote("rose", count: 1, region: "DE").get()
        // coins = 1 × 1 = 1; diamonds = floor(1 × 50%) = floor(0.5) = 0; cash 0.00 USD, 0.00 EUR
        #expect(gift.coins == 1 && gift.diamonds == 0)
        #expect(gift.creatorCash == Money(minorUnits: 0, currency: F.usd))
        #expect(gift.creatorCashLocal == Money(minorUnits: 0, currency: F.eur))
        // viewer: 1 × 16099/23000 = 0.69996 cents → 1 cent (0.01 EUR)
        let viewer = try #require(gift.viewerCost)
        #expect(viewer.amount == Money(minorUnits: 1, currency: F.eur))
        #expect(viewer.bundle == "coins_17500" && viewer.channel == "web" && viewer.region == "DE")
        // Gifts to the minimum are counted on the exact diamonds of one gift, not on this quote's
        // rounded cash: minimum 100.00 USD / 0.005 USD = 20 000 diamonds; one rose earns
        // 1 coin × 50% = 0.5 diamond → ceil(20 000 / 0.5) = 40 000 roses.
        #expect(gift.giftsToMinimumWithdrawal == 40_000)
        #expect(gift.minimumWithdrawal == Money(minorUnits: 10_000, currency: F.usd))
    }

    @Test func threeUniversesInGermany() throws {
        let book = try F.sampleShop().book
        let gift = try book.giftQuote("universe", count: 3, region: "DE").get()
        // coins = 44 999 × 3 = 134 997
        #expect(gift.coins == 134_997 && gift.count == 3 && gift.gift == "universe")
        // diamonds = floor(134 997 × 50%) = floor(67 498.5) = 67 498
        #expect(gift.diamonds == 67_498)
        // cash = 67 498 × 0.005 USD = 337.49 USD exactly
        #expect(gift.creatorCash == Money(minorUnits: 33_749, currency: F.usd))
        // local = 337.49 × 0.86 = 290.2414 EUR → 29 024.14 cents → 29 024 (290.24 EUR)
        #expect(gift.creatorCashLocal == Money(minorUnits: 29_024, currency: F.eur))
        // viewer = 134 997 × 16 099 / 23 000 = 2 173 316 703 / 23 000 = 94 492.03… → 94 492 (944.92 EUR)
        #expect(gift.viewerCost?.amount == Money(minorUnits: 94_492, currency: F.eur))
        // minimum 100.00 USD / 0.005 = 20 000 diamonds; one universe earns 44 999 × 50% = 22 499.5
        // diamonds → ceil(20 000 / 22 499.5) = ceil(0.889) = 1
        #expect(gift.giftsToMinimumWithdrawal == 1)
        #expect(gift.minimumWithdrawal == Money(minorUnits: 10_000, currency: F.usd))
    }

    @Test func oneUniverseCashTieIsHalfEven() throws {
        let book = try F.sampleShop().book
        let gift = try book.giftQuote("universe", count: 1, region: "DE").get()
        // diamonds = floor(44 999 / 2) = floor(22 499.5) = 22 499
        // cash = 22 499 × 0.005 = 112.495 USD → 11 249.5 cents → tie → 11 250 (even)
        #expect(gift.diamonds == 22_499 && gift.creatorCash.minorUnits == 11_250)
        // local = 112.495 × 0.86 = 96.7457 EUR → 9674.57 → 9675
        #expect(gift.creatorCashLocal?.minorUnits == 9_675)
    }

    @Test func giftInAThreeDecimalAndAZeroDecimalCurrency() throws {
        let book = try F.sampleShop().book
        // 100 roses: coins 100, diamonds 50, cash 50 × 0.005 = 0.25 USD
        let kuwait = try book.giftQuote("rose", count: 100, region: "KW").get()
        #expect(kuwait.diamonds == 50 && kuwait.creatorCash.minorUnits == 25)
        // KWD: 0.25 × 0.307 = 0.07675 KWD → 76.75 fils → 77
        #expect(kuwait.creatorCashLocal == Money(minorUnits: 77, currency: F.kwd))
        let japan = try book.giftQuote("rose", count: 100, region: "JP").get()
        // JPY: 0.25 × 155 = 38.75 → 39 JPY
        #expect(japan.creatorCashLocal == Money(minorUnits: 39, currency: F.jpy))
    }

    @Test func giftWithoutARegionHasNoLocalCashOrViewerCost() throws {
        let book = try F.sampleShop().book
        let gift = try book.giftQuote("galaxy").get()
        // 1000 coins → 500 diamonds → 2.50 USD
        #expect(gift.coins == 1000 && gift.diamonds == 500 && gift.creatorCash.minorUnits == 250)
        #expect(gift.creatorCashLocal == nil && gift.viewerCost == nil)
        // 20 000 diamonds / (1000 × 50% = 500 per galaxy) = 40 galaxies to reach 100.00 USD
        #expect(gift.giftsToMinimumWithdrawal == 40)
    }

    @Test func giftsToTheMinimumDoNotDependOnTheCount() throws {
        let book = try F.sampleShop().book
        // finger_heart: 5 coins × 50% = 2.5 diamonds per gift; 100.00 USD / 0.005 = 20 000 diamonds
        // → ceil(20 000 / 2.5) = 8000 finger hearts, whatever the count quoted.
        // (From one gift's rounded cash it would be 2 diamonds = 1 cent → 10 000; from 7 gifts'
        // 35 coins → 17 diamonds → 8.5 → 8 cents → ceil(10 000 × 7 / 8) = 8750.)
        for count: Int64 in [1, 2, 7, 1000, 8000] {
            let gift = try book.giftQuote("finger_heart", count: count, region: "DE").get()
            #expect(gift.giftsToMinimumWithdrawal == 8000, "\(count)")
        }
        let seven = try book.giftQuote("finger_heart", count: 7).get()
        // 35 coins → floor(17.5) = 17 diamonds → 0.085 USD → 8.5 cents → half-even 8
        #expect(seven.coins == 35 && seven.diamonds == 17 && seven.creatorCash.minorUnits == 8)
        // 8000 finger hearts: 40 000 coins → 20 000 diamonds → exactly 100.00 USD, the minimum.
        let enough = try book.giftQuote("finger_heart", count: 8000).get()
        #expect(enough.diamonds == 20_000 && enough.creatorCash == Money(minorUnits: 10_000, currency: F.usd))
        // hat_and_mustache: 99 × 50% = 49.5 diamonds → ceil(20 000 / 49.5) = ceil(404.04…) = 405
        #expect(try book.giftQuote("hat_and_mustache", count: 3).get().giftsToMinimumWithdrawal == 405)
        // lion: 29 999 × 50% = 14 999.5 → ceil(1.33…) = 2
        #expect(try book.giftQuote("lion").get().giftsToMinimumWithdrawal == 2)
    }

    @Test func unknownGiftSuggestsTheClosestName() throws {
        let book = try F.sampleShop().book
        guard case .failure(let e) = book.giftQuote("rosee", count: 1, region: "DE") else {
            Issue.record("an unknown gift must fail")
            return
        }
        #expect(e.kind == .unknownGift && e.help == "did you mean `rose`?")
    }

    @Test func giftErrors() throws {
        let book = try F.sampleShop().book
        guard case .failure(let region) = book.giftQuote("rose", count: 1, region: "DF") else {
            Issue.record("an unknown region must fail")
            return
        }
        #expect(region.kind == .unknownRegion && region.help == "did you mean `DE`?")
        guard case .failure(let zero) = book.giftQuote("rose", count: 0) else {
            Issue.record("zero gifts must fail")
            return
        }
        #expect(zero.kind == .amountOutOfRange)
        // 44 999 × Int64.max does not fit.
        guard case .failure(let huge) = book.giftQuote("universe", count: Int64.max, region: "DE") else {
            Issue.record("an overflowing gift count must fail")
            return
        }
        #expect(huge.kind == .overflow)
        // No payout block.
        let plain = try #require(F.book("gift rose: 1 coin"))
        guard case .failure(let noPayout) = plain.giftQuote("rose") else {
            Issue.record("no payout must fail")
            return
        }
        #expect(noPayout.kind == .noPayout)
    }

    // MARK: Huge coins and minimums (trap guards run in a child process first)

    /// 9×10^18 coins plus a 9×10^18 bonus: each fits Int64, the sum (1.8×10^19) does not.
    /// The checker accepts it (no upper bound on coins). `small` is an ordinary bundle.
    static let hugeBundle = """
        gift rose: 1 coin
        payout {
          share 50%
          diamond 0.005 USD
        }
        bundle b: 9_000_000_000_000_000_000 coins, 1.00 USD, bonus 9_000_000_000_000_000_000 coins
        bundle small: 100 coins, 1.00 USD
        """

    @Test func hugeBundleBonusDoesNotTrapTheViewerCost() async throws {
        await #expect(processExitsWith: .success) {
            guard let book = PricingFixtures.book(GiftQuoteTests.hugeBundle) else { return }
            _ = book.giftQuote("rose", count: 1, region: "US")
        }
        let book = try #require(F.book(Self.hugeBundle))
        // `b` cannot be bought (its coins do not fit, a quote is an `overflow` error), so it sets
        // no price per coin: the cheapest is `small`, 100 cents / 100 coins = 1 cent per coin.
        let cheapest = try #require(book.cheapestPricePerCoin(region: "US"))
        #expect(cheapest.bundle == "small" && cheapest.perCoin == Fraction(1))
        let gift = try book.giftQuote("rose", count: 1, region: "US").get()
        // 1 rose: 1 coin → 1 cent; 0 diamonds; no minimum, so no count of gifts to it
        #expect(gift.viewerCost?.amount == Money(minorUnits: 1, currency: F.usd) && gift.viewerCost?.bundle == "small")
        #expect(gift.diamonds == 0 && gift.giftsToMinimumWithdrawal == nil && gift.minimumWithdrawal == nil)
    }

    @Test func hugeBundleBonusIsAnOverflowErrorInAQuote() async {
        // 9×10^18 + 9×10^18 coins does not fit Int64: the quote is an `overflow` error (checked
        // first in a child process, so a trap would not end this test run).
        await #expect(processExitsWith: .success) {
            guard let book = PricingFixtures.book(GiftQuoteTests.hugeBundle) else { return }
            if case .success(let quote) = book.quote(QuoteRequest(item: .bundle("b"), region: "US", instant: PricingFixtures.instant)) {
                _ = quote.coins.total
            }
        }
        guard let book = PricingFixtures.book(GiftQuoteTests.hugeBundle) else { return }
        let result = book.quote(QuoteRequest(item: .bundle("b"), region: "US", instant: PricingFixtures.instant))
        guard case .failure(let error) = result else {
            Issue.record("expected an overflow error, got \(result)")
            return
        }
        #expect(error.kind == .overflow)
    }

    static func hugeMinimum(_ minimum: String) -> String {
        """
        gift rose: 1 coin
        payout {
          share 50%
          diamond 0.005 USD
          minimum \(minimum) USD
        }
        """
    }

    @Test func giftsToTheMinimumWithdrawalBeyondInt64DoNotTrap() async throws {
        // minimum 30 000 000 000 000 000.00 USD / 0.005 = 6×10^18 diamonds; a rose earns 0.5
        // diamond → 1.2×10^19 roses: fits UInt64, not Int64. No count (nil), never a trap; the
        // count of roses quoted does not matter.
        let text = Self.hugeMinimum("30_000_000_000_000_000.00")
        await #expect(processExitsWith: .success) {
            guard let book = PricingFixtures.book(GiftQuoteTests.hugeMinimum("30_000_000_000_000_000.00")) else { return }
            _ = book.giftQuote("rose", count: 1)
            _ = book.giftQuote("rose", count: 4)
        }
        let book = try #require(F.book(text))
        for count: Int64 in [1, 4] {
            let gift = try book.giftQuote("rose", count: count).get()
            #expect(gift.giftsToMinimumWithdrawal == nil, "\(count)")
            #expect(gift.minimumWithdrawal == Money(minorUnits: 3_000_000_000_000_000_000, currency: F.usd))
        }
        // 4 roses: 4 coins → 2 diamonds → 0.01 USD
        #expect(try book.giftQuote("rose", count: 4).get().creatorCash.minorUnits == 1)
        // minimum 20 000 000 000 000 000.00 USD → 4×10^18 diamonds / 0.5 = 8×10^18 roses: fits Int64.
        let fitting = try #require(F.book(Self.hugeMinimum("20_000_000_000_000_000.00")))
        #expect(try fitting.giftQuote("rose", count: 3).get().giftsToMinimumWithdrawal == 8_000_000_000_000_000_000)
    }

    @Test func hugeGiftIsExactOrAnOverflowError() async throws {
        // A gift of 9×10^18 coins (fits Int64). One: 9×10^18 coins → 4.5×10^18 diamonds →
        // × 0.005 = 2.25×10^16 USD = 2.25×10^18 cents; viewer cost at 1 cent per coin (`small`)
        // = 9×10^18 cents; 20 000 diamonds / 4.5×10^18 per gift → 1 gift to the minimum.
        // Two: 1.8×10^19 coins do not fit → `overflow`.
        let text = """
            gift whale: 9_000_000_000_000_000_000 coins
            payout {
              share 50%
              diamond 0.005 USD
              minimum 100.00 USD
            }
            bundle small: 100 coins, 1.00 USD
            """
        await #expect(processExitsWith: .success) {
            guard let book = PricingFixtures.book("""
                gift whale: 9_000_000_000_000_000_000 coins
                payout {
                  share 50%
                  diamond 0.005 USD
                  minimum 100.00 USD
                }
                bundle small: 100 coins, 1.00 USD
                """) else { return }
            _ = book.giftQuote("whale", count: 1, region: "US")
            _ = book.giftQuote("whale", count: 2, region: "US")
        }
        let book = try #require(F.book(text))
        let one = try book.giftQuote("whale", count: 1, region: "US").get()
        #expect(one.coins == 9_000_000_000_000_000_000 && one.diamonds == 4_500_000_000_000_000_000)
        #expect(one.creatorCash.minorUnits == 2_250_000_000_000_000_000)
        #expect(one.creatorCashLocal?.minorUnits == 2_250_000_000_000_000_000)
        #expect(one.viewerCost?.amount.minorUnits == 9_000_000_000_000_000_000)
        #expect(one.giftsToMinimumWithdrawal == 1)
        guard case .failure(let two) = book.giftQuote("whale", count: 2, region: "US") else {
            Issue.record("2 × 9×10^18 coins must be an overflow")
            return
        }
        #expect(two.kind == .overflow)
    }
}
