@testable import CoinageChecker
@testable import CoinageEngine
import CoinageSyntax
import Testing

/// The rows of `QuoteTests.quote`: each request and the amounts of its quote, with the
/// arithmetic that gives them.
extension QuoteTests {
    /// Tax included (DE 19%, JP 10%), no tax (KW) and tax added (US 7.25%), with the
    /// fee taken from the net; ties of tax and fee round half-even.
    static let taxed: [Priced] = [
        // list = price = 8.99 EUR (see ListPriceTests: 9.99 × 0.92 = 9.1908 → 8.99)
        // tax = 899 × 0.19/1.19 = 899 × 19/119 = 17081/119 = 143.537… → 144 (1.44 EUR)
        // total = price = 899; net = total − tax = 899 − 144 = 755
        // fee 30% of 755 = 226.5 → half-even → 226; proceeds = 755 − 226 = 529 (5.29 EUR)
        Priced(item: .bundle("coins_700"), region: "DE", channel: "ios", currency: F.eur, list: 899, price: 899,
               tax: 144, taxIncluded: true, taxRate: Percentage(ExactDecimal(19)), total: 899, net: 755, proceeds: 529,
               note: "tax included in Germany on iOS"),
        // price 6.99 EUR; tax = 699 × 19/119 = 13281/119 = 111.605… → 112
        // net = 699 − 112 = 587; fee 3% of 587 = 17.61 → 18; proceeds = 587 − 18 = 569
        Priced(item: .bundle("coins_700"), region: "DE", channel: "web", currency: F.eur, price: 699,
               tax: 112, total: 699, net: 587, proceeds: 569, note: "tax included in Germany on the web"),
        // 1500 JPY; tax = 1500 × 10/110 = 136.36… → 136; net = 1364
        // fee 30% of 1364 = 409.2 → 409; proceeds = 1364 − 409 = 955
        Priced(item: .bundle("coins_700"), region: "JP", channel: "ios", currency: F.jpy,
               tax: 136, total: 1500, net: 1364, proceeds: 955, note: "tax included in JPY"),
        // 3.067 KWD, no tax: tax 0, net 3067; fee 30% = 920.1 → 920; proceeds = 2147 (2.147 KWD)
        Priced(item: .bundle("coins_700"), region: "KW", channel: "ios", currency: F.kwd,
               tax: 0, total: 3067, net: 3067, proceeds: 2147, note: "no tax in KWD"),
        // price 9.99; tax = 999 × 7.25% = 72.4275 → 72; total = 999 + 72 = 1071 (10.71 USD)
        // net = price = 999; fee 30% of 999 = 299.7 → 300; proceeds = 999 − 300 = 699
        Priced(item: .bundle("coins_700"), region: "US", channel: "ios", currency: F.usd, price: 999,
               tax: 72, taxIncluded: false, total: 1071, net: 999, proceeds: 699, note: "tax added in the US on iOS"),
        // price 7.49; tax = 749 × 7.25% = 54.3025 → 54; total = 803
        // fee 3% of 749 = 22.47 → 22; proceeds = 727
        Priced(item: .bundle("coins_700"), region: "US", channel: "web", currency: F.usd, price: 749,
               tax: 54, total: 803, proceeds: 727, note: "tax added in the US on the web"),
        // tax = 200 × 7.25% = 14.5 → tie → 14 (even); total 214
        // fee 30% of 200 = 60; proceeds 140
        Priced(item: .bundle("two"), region: "US", channel: "ios", currency: F.usd,
               tax: 14, total: 214, proceeds: 140, note: "a tax tie rounds half-even"),
        // price = 2.00 × 75% = 1.50; tax = 150 × 7.25% = 10.875 → 11; total 161
        // fee 3% of 150 = 4.5 → tie → 4 (even); proceeds 146
        Priced(item: .bundle("two"), region: "US", channel: "web", currency: F.usd, price: 150,
               tax: 11, total: 161, proceeds: 146, note: "a fee tie rounds half-even"),
        // No channels declared, and none named: 1.00 USD
        Priced(rules: "bundle b: 1 coin, 1.00 USD", item: .bundle("b"), region: "US", channel: nil, currency: F.usd,
               list: 100, note: "no channel where the rules declare none"),
    ]

    /// Custom amounts at both ends of their range, never rounded to a grid.
    static let custom: [Priced] = [
        // 30 × 0.0106 = 0.318 USD × 0.92 = 0.29256 × 75% = 0.21942 EUR → 21.942 → 22 (0.22 EUR), no grid
        // tax = 22 × 19/119 = 3.51… → 4; net 18; fee 3% = 0.54 → 1; proceeds 17
        Priced(item: .coins(30), region: "DE", channel: "web", currency: F.eur, list: 22, price: 22,
               tax: 4, total: 22, net: 18, proceeds: 17, note: "custom amount at the low end of its range"),
        // 2 500 000 × 0.0106 = 26 500 USD × 0.92 = 24 380 × 75% = 18 285.00 EUR → 1 828 500
        // tax = 1 828 500 × 19/119 = 291 945.378… → 291 945
        Priced(item: .coins(2_500_000), region: "DE", channel: "web", currency: F.eur, list: 1_828_500,
               tax: 291_945, note: "custom amount at the high end of its range"),
        // JPY: 1000 × 0.0106 = 10.6 USD × 150 = 1590 × 75% = 1192.5 → half-even 1192
        //      (the JPY grid would give 1190; `nearest` ties-up would give 1193)
        Priced(item: .coins(1000), region: "JP", channel: "web", currency: F.jpy, list: 1192,
               note: "custom amount in JPY, not on the grid"),
        // INR: 10.6 × 84 = 890.4 × 75% = 667.8 × 60% = 400.68 INR → 40068 (the INR grid would give 409.00)
        Priced(item: .coins(1000), region: "IN", channel: "web", currency: F.inr, list: 40068,
               note: "custom amount in INR, not on the grid"),
        // KWD: 10.6 × 0.307 = 3.2542 × 75% = 2.44065 KWD → 2440.65 fils → 2441
        Priced(item: .coins(1000), region: "KW", channel: "web", currency: F.kwd, list: 2441,
               note: "custom amount in KWD"),
        // USD: 10.6 × 75% = 7.95 → 795; tax 795 × 7.25% = 57.6375 → 58; total 853
        Priced(item: .coins(1000), region: "US", channel: "web", currency: F.usd, list: 795,
               tax: 58, total: 853, note: "custom amount in USD with tax added"),
    ]

    /// Exact amounts: 6-decimal percentages, and prices whose intermediates need more
    /// than 64 bits.
    static let exact: [Priced] = [
        // Without `big` (see `hugeRateTimesHugeBase`), the rest prices: 1.00 × 10^12 = 10^12 JPY.
        Priced(rules: "rate JPY 1_000_000_000_000\nregion JP: JPY\nbundle small: 1 coin, 1.00 USD",
               item: .bundle("small"), region: "JP", channel: nil, currency: F.jpy, list: 1_000_000_000_000,
               note: "a huge rate on a small price"),
        // Up to 9 coins: 9 × 10^6 × 10^12 = 9×10^18 JPY fits; 1 coin is 10^18 JPY.
        Priced(rules: "rate JPY 1_000_000_000_000\nregion JP: JPY\ncustom coins: 1 to 9, 1_000_000 USD each",
               item: .coins(1), region: "JP", channel: nil, currency: F.jpy, list: 1_000_000_000_000_000_000,
               note: "a custom amount whose largest price still fits"),
        // tax = 1000 × 7.123456% = 71.23456 → 71; total 1071
        // fee = 1000 × 3.123456% = 31.23456 → 31; proceeds = 1000 − 31 = 969
        Priced(rules: sixDecimals, item: .bundle("b"), region: "PR", channel: "ios", currency: F.usd,
               tax: 71, taxRate: Percentage(ExactDecimal(significand: 7_123_456, scale: 6)), total: 1071, proceeds: 969,
               note: "six-decimal tax and fee are exact"),
        // fee = 999 × 3.123456% = 31.20332544 → 31; proceeds = 999 − 31 = 968
        Priced(rules: sixDecimals, item: .bundle("c"), region: "EC", channel: "ios", currency: F.usd,
               tax: 0, proceeds: 968, note: "six-decimal fee without tax is exact"),
        // 3 000 000.01 USD with tax 7.123456% added:
        // 300 000 001 × 0.07123456 = 21 370 368.07123456 → 21 370 368; total 321 370 369.
        Priced(rules: "region PR: USD, tax 7.123456% added\nbundle big: 1 coin, 3_000_000.01 USD",
               item: .bundle("big"), region: "PR", channel: nil, currency: F.usd, tax: 21_370_368, total: 321_370_369,
               note: "six-decimal tax on a large price is exact"),
        // 90 000 000 000 000 000.00 USD = 9×10^18 cents, tax 7.123456% included: the tax share is
        // 0.07123456/1.07123456 = 27 826/418 451, and 9×10^18 × 27 826 (after reducing, still
        // 2.5×10^23) needs more than 64 bits.
        // tax = 9×10^18 × 27 826/418 451 = 598 478 674 922 511 835.3… → 598 478 674 922 511 835
        // net = 9×10^18 − tax = 8 401 521 325 077 488 165
        // fee 2.999999% = 8 401 521 325 077 488 165 × 2 999 999/10^8 = 252 045 555 737 111 394.2… →
        // 252 045 555 737 111 394; proceeds = 8 149 475 769 340 376 771
        // Without the fixture's US region, whose added tax would not fit on this price.
        Priced(rules: "region EC: USD, tax 7.123456% included\nchannel ios: fee 2.999999%\nbundle big: 1 coin, 90_000_000_000_000_000.00 USD",
               header: "base currency USD\n", item: .bundle("big"), region: "EC", channel: "ios", currency: F.usd,
               tax: 598_478_674_922_511_835, total: 9_000_000_000_000_000_000, proceeds: 8_149_475_769_340_376_771,
               note: "six-decimal included tax and fee on a huge price are exact"),
        // Price 70 000 000 000 000 000.01 USD = 7 000 000 000 000 000 001 cents in a region
        // without tax; fee 30% = 2 100 000 000 000 000 000.3 → 2 100 000 000 000 000 000;
        // proceeds = 4 900 000 000 000 000 001. The intermediate 7 000 000 000 000 000 001 × 3
        // needs more than 64 bits (it used to make the fee a silent 0).
        Priced(rules: "region EC: USD\nchannel ios: fee 30%\nbundle big: 1 coin, 70_000_000_000_000_000.01 USD",
               item: .bundle("big"), region: "EC", channel: "ios", currency: F.usd,
               total: 7_000_000_000_000_000_001, proceeds: 4_900_000_000_000_000_001, note: "a fee on a huge price is exact"),
        // 2 499 999 coins × 0.0106 USD = 26 499.9894 USD × 29 582.1719 = 783 927 241.778… VND
        // × 64.3% = 504 065 216.46388… VND → 504 065 216 VND. The exact fraction after the channel
        // level is 25 203 260 823 194 138 199 / (5 × 10^10): its numerator is above UInt64.max.
        Priced(rules: vnd, item: .coins(2_499_999), region: "VN", channel: "web", currency: Currency(code: "VND", exponent: 0),
               list: 504_065_216, price: 504_065_216, note: "a custom amount with a 128-bit intermediate is exact"),
        // 2 500 000 coins: 26 500 × 29 582.1719 × 64.3% = 504 065 418.09005 → 504 065 418
        Priced(rules: vnd, item: .coins(2_500_000), region: "VN", channel: "web", currency: Currency(code: "VND", exponent: 0),
               list: 504_065_418, note: "the largest custom amount in VND"),
    ]

    static let sixDecimals = """
        region PR: USD, tax 7.123456% added
        region EC: USD
        channel ios: fee 3.123456%
        bundle b: 1 coin, 10.00 USD
        bundle c: 1 coin, 9.99 USD
        """

    static let vnd = """
        rate VND 29_582.1719
        region VN: VND
        channel web: level 64.3%
        custom coins: 30 to 2_500_000, 0.0106 USD each
        """
}
