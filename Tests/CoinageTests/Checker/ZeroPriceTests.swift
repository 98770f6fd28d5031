@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// E0408: a derived price that rounds to zero is an error, named by bundle,
/// region and channel, with the rate that made it.
@Suite struct ZeroPriceTests {
    static let header = "base currency USD\nregion US: USD\n"

    static func zeroPrices(_ body: String) -> [Diagnostic] {
        check(body, header: header).diagnostics.filter { $0.code == .derivedPriceIsZero }
    }

    @Test("an inverted rate makes every price in its currency zero: one error per bundle, naming the rate")
    func invertedRate() throws {
        let result = check("""
            rate IDR 0.000065
            region ID: IDR
            channel ios: fee 30%
            channel web: fee 3%, level 75%
            bundle small: 70 coins, 0.99 USD
            bundle big: 7000 coins, 99.99 USD
            """, header: Self.header)
        #expect(result.ruleSet == nil)
        let found = result.diagnostics.filter { $0.code == .derivedPriceIsZero }
        // 99.99 USD is 0.0065 IDR: 1 minor unit on ios, but 0.49 of one on web.
        #expect(found.map(\.message) == [
            "the price of `small` in `ID` on `ios` rounds to 0.00 IDR",
            "the price of `big` in `ID` on `web` rounds to 0.00 IDR",
        ])
        let first = try #require(found.first)
        #expect(first.severity == .error)
        #expect(first.notes.map(\.message) == ["`rate IDR 0.000065` makes 1 USD worth 0.000065 IDR"])
        #expect(first.help == "a rate is how many IDR 1 USD buys; if it is inverted (1 IDR is worth 0.000065 USD), write `rate IDR 15384.62`")
    }

    @Test("a price grid never rounds to zero")
    func gridRescues() {
        #expect(Self.zeroPrices("""
            rate IDR 0.000065
            round IDR nearest 1_000
            region ID: IDR
            bundle small: 70 coins, 0.99 USD
            """).isEmpty)
    }

    @Test("a region's own price replaces the zero one; other regions still report")
    func explicitPriceRescues() {
        let body = """
            rate IDR 0.000065
            region ID: IDR
            bundle small: 70 coins, 0.99 USD
            price small in ID: 15_000 IDR
            """
        #expect(Self.zeroPrices(body).isEmpty)
        #expect(Self.zeroPrices(body + "\nregion MC: IDR\n").map(\.message) == ["the price of `small` in `MC` rounds to 0.00 IDR"])
    }

    @Test("in the base currency, a tiny price at a low level rounds to zero")
    func baseCurrencyLowLevel() throws {
        let found = Self.zeroPrices("""
            channel web: level 40%
            bundle tiny: 1 coin, 0.01 USD
            """)
        #expect(found.map(\.message) == ["the price of `tiny` in `US` on `web` rounds to 0.00 USD"])
        #expect(found.first?.notes.isEmpty == true)
        #expect(found.first?.help == "raise the price, or give USD a price grid with `round USD ...`: a grid never rounds to zero")
    }

    @Test("a channel-wide price that converts to zero is reported where it is declared")
    func channelWidePrice() throws {
        let found = Self.zeroPrices("""
            rate IDR 0.000065
            region ID: IDR
            channel web
            bundle b: 70 coins, 1_000.00 USD
            price b on web: 0.10 USD
            """)
        #expect(found.map(\.message) == ["the price of `b` in `ID` on `web` rounds to 0.00 IDR"])
        #expect(found.first?.span.start == UInt32(Self.header.utf8.count + "rate IDR 0.000065\nregion ID: IDR\nchannel web\nbundle b: 70 coins, 1_000.00 USD\n".utf8.count))
    }

    @Test("a custom amount whose smallest amount costs nothing is an error")
    func customAmount() {
        let found = Self.zeroPrices("""
            rate IDR 0.000065
            region ID: IDR
            round IDR nearest 1_000
            channel web
            custom coins: 30 to 1_000, 0.0141 USD each, on web
            """)
        // A grid does not apply to custom amounts: they are rounded to the minor unit.
        #expect(found.map(\.message) == ["the price of 30 coins of custom amount `coins` in `ID` on `web` rounds to 0.00 IDR"])
    }

    /// Amounts sold on named channels are looked at through their own channels (a
    /// shop with 120,000 amounts and as many channels took minutes when each amount
    /// scanned every channel): the error still names the first channel, by level
    /// and then by name, that sells the amount.
    @Test("custom amounts on channels of their own: each named on its own first channel")
    func customAmountsOnTheirOwnChannels() {
        let channels = (0..<300).map { "channel c\($0)\($0 % 4 == 0 ? ": level 50%" : "")\n" }.joined()
        let amounts = (0..<150).map { "custom a\($0): 30 to 1_000, 0.0141 USD each, on [c\(2 * $0 + 1), c\(2 * $0)]\n" }.joined()
        let found = Self.zeroPrices("rate IDR 0.000065\nregion ID: IDR\n" + channels + amounts)
        #expect(found.count == 150)
        // `c0` sells at 50%, the first level by channel name; `c2` and `c3` at 100%.
        #expect(found.contains { $0.message == "the price of 30 coins of custom amount `a0` in `ID` on `c0` rounds to 0.00 IDR" })
        #expect(found.contains { $0.message == "the price of 30 coins of custom amount `a1` in `ID` on `c2` rounds to 0.00 IDR" })
    }

    @Test("many regions of one currency: one error per bundle, not per region")
    func oneErrorPerBundleAndCurrency() {
        let regions = ["DE", "FR", "IT", "ES", "NL"].map { "region \($0): EUR\n" }.joined()
        let found = Self.zeroPrices("rate EUR 0.0001\n" + regions + "channel a\nchannel b\nbundle b1: 1 coin, 0.01 USD\nbundle b2: 2 coins, 0.02 USD\n")
        #expect(found.map(\.message) == [
            "the price of `b1` in `DE` on `a` rounds to 0.00 EUR",
            "the price of `b2` in `DE` on `a` rounds to 0.00 EUR",
        ])
    }
}
