@testable import CoinageChecker
import Testing

/// The list-price table: each cell of the sample shops with the price a quote lists and
/// the arithmetic that gives it.
extension ListPriceTests {
    /// Derived prices in each minor-unit size: USD without a rule, JPY and EUR on a grid,
    /// KWD with three decimals, INR with a region level on an up grid.
    static let derivedCells: [Cell] = [
        // ios: 9.99 × 100% = 9.99 → 999 cents (no USD rule: half-even, already exact)
        cell(shop, "coins_700", "US", "ios", 999, F.usd, "USD, no rule, exact"),
        // web: 9.99 × 75% = 7.4925 → 749.25 cents → half-even → 749 (7.49 USD)
        cell(shop, "coins_700", "US", "web", 749, F.usd, "USD, channel level, half-even"),
        // ios: 9.99 × 150 = 1498.5 JPY → nearest 10: 149.85 → 150 → 1500 JPY
        cell(shop, "coins_700", "JP", "ios", 1500, F.jpy, "JPY, nearest 10"),
        // web: 9.99 × 75% × 150 = 1123.875 → 112.3875 → 112 → 1120 JPY
        cell(shop, "coins_700", "JP", "web", 1120, F.jpy, "JPY, level then nearest 10"),
        // A tie on the grid goes up: 1.10 × 150 = 165 → 16.5 → 17 → 170 JPY (half-even would say 160)
        cell(shop, "b110", "JP", "ios", 170, F.jpy, "JPY, a tie on the grid goes up"),
        // ios: 9.99 × 0.307 = 3.06693 KWD → 3066.93 fils → 3067 (3.067 KWD)
        cell(shop, "coins_700", "KW", "ios", 3067, F.kwd, "KWD, three decimals"),
        // web: 9.99 × 75% × 0.307 = 7.4925 × 0.307 = 2.3001975 → 2300.1975 fils → 2300 (2.300 KWD)
        cell(shop, "coins_700", "KW", "web", 2300, F.kwd, "KWD, level, three decimals"),
        // ios: 9.99 × 0.92 = 9.1908 → 919.08 → (919.08 − 99)/100 = 8.2008 → 8 → 899 (8.99 EUR)
        cell(shop, "coins_700", "DE", "ios", 899, F.eur, "EUR, step and ending"),
        // web: 9.99 × 75% × 0.92 = 6.8931 → 689.31 → 5.9031 → 6 → 699 (6.99 EUR)
        cell(shop, "coins_700", "DE", "web", 699, F.eur, "EUR, level, step and ending"),
        // coins_70 ios: 0.99 × 0.92 = 0.9108 → 91.08, below the first candidate 99 → 99 (0.99 EUR)
        cell(shop, "coins_70", "DE", "ios", 99, F.eur, "EUR, below the first candidate"),
        // coins_70 web: 0.99 × 75% × 0.92 = 0.6831 → 68.31 → 99
        cell(shop, "coins_70", "DE", "web", 99, F.eur, "EUR, level, below the first candidate"),
        // ios: 9.99 × 84 × 60% = 839.16 × 0.6 = 503.496 INR → 50349.6 paise
        //      up 1000 ending 900: (50349.6 − 900)/1000 = 49.4496 → 50 → 50900 (509.00 INR)
        cell(shop, "coins_700", "IN", "ios", 50900, F.inr, "INR, region level, up grid"),
        // web: 503.496 × 75% = 377.622 → 37762.2 → 36.8622 → 37 → 37900 (379.00 INR)
        cell(shop, "coins_700", "IN", "web", 37900, F.inr, "INR, both levels, up grid"),
        // coins_70 ios: 0.99 × 84 × 60% = 49.896 → 4989.6 → 4.0896 → 5 → 5900 (59.00 INR)
        cell(shop, "coins_70", "IN", "ios", 5900, F.inr, "INR, small, region level"),
        // coins_70 web: 49.896 × 75% = 37.422 → 3742.2 → 2.8422 → 3 → 3900 (39.00 INR)
        cell(shop, "coins_70", "IN", "web", 3900, F.inr, "INR, small, both levels"),
        // No channels: 1.25 × 0.92 = 1.15 → 115 (no EUR rule)
        cell(noChannels, "b", "DE", nil, 115, F.eur, "no channels, converted"),
        // No channels: 1.25 → 125
        cell(noChannels, "b", "US", nil, 125, F.usd, "no channels, base currency"),
    ]

    /// Explicit prices are used as written in each minor unit.
    static let explicitCells: [Cell] = [
        // JPY: 160 JPY on every channel (no rounding: the grid would keep 160 anyway)
        cell(shop, "coins_70", "JP", "ios", 160, F.jpy, "JPY as written"),
        cell(shop, "coins_70", "JP", "web", 160, F.jpy, "JPY as written on every channel"),
        // KWD: 0.300 → 300 fils (derived would be 0.99 × 0.307 = 0.30393 → 304)
        cell(shop, "coins_70", "KW", "ios", 300, F.kwd, "KWD as written"),
        cell(shop, "coins_70", "KW", "web", 300, F.kwd, "KWD as written on every channel"),
        // USD: 0.74 on web only; ios derives 0.99
        cell(shop, "coins_70", "US", "web", 74, F.usd, "USD on web only"),
        cell(shop, "coins_70", "US", "ios", 99, F.usd, "USD derived on another channel"),
    ]

    /// Ties under half-even in derived prices, in each minor-unit size.
    static let tieCells: [Cell] = [
        // USD: 0.25 × 50% = 0.125 → 12.5 cents → 12 (0.12); 0.27 × 50% = 0.135 → 13.5 → 14 (0.14)
        cell(ties, "b25", "US", "half", 12, F.usd, "USD tie to even, down"),
        cell(ties, "b27", "US", "half", 14, F.usd, "USD tie to even, up"),
        // JPY: 1.01 × 150 = 151.5 → 152 (151 is odd); 1.03 × 150 = 154.5 → 154 (even)
        cell(ties, "b101", "JP", "full", 152, F.jpy, "JPY tie to even, up"),
        cell(ties, "b103", "JP", "full", 154, F.jpy, "JPY tie to even, down"),
        // KWD: 1.50 × 0.307 = 0.4605 → 460.5 fils → 460; 2.50 × 0.307 = 0.7675 → 767.5 → 768
        cell(ties, "b150", "KW", "full", 460, F.kwd, "KWD tie to even, down"),
        cell(ties, "b250", "KW", "full", 768, F.kwd, "KWD tie to even, up"),
        // Not a tie: 1.01 × 50% × 0.307 = 0.155035 → 155.035 → 155
        cell(ties, "b101", "KW", "half", 155, F.kwd, "KWD not a tie"),
    ]

    /// Specificity: region and channel, region, market and channel, market, channel-wide
    /// price (as written at full level, converted without the channel level), derived.
    static let specificityCells: [Cell] = [
        // DE on web: region+channel 1.11 EUR, as written (the EUR grid would give 0.99)
        cell(specificity, "b", "DE", "web", 111, F.eur, "region and channel beats everything"),
        // DE on ios: region 2.22 EUR beats market 4.44 EUR
        cell(specificity, "b", "DE", "ios", 222, F.eur, "region beats market"),
        // FR on web: FR's own region price 6.66 beats the market+channel 3.33 and the channel price
        cell(specificity, "b", "FR", "web", 666, F.eur, "region beats market and channel"),
        // FR on ios: 6.66 beats the market 4.44
        cell(specificity, "b", "FR", "ios", 666, F.eur, "region beats market"),
        // IT on web: market+channel 3.33 EUR beats market 4.44 and channel 5.00 USD
        cell(specificity, "b", "IT", "web", 333, F.eur, "market and channel beats market and channel"),
        // IT on ios: market 4.44 EUR beats derivation
        cell(specificity, "b", "IT", "ios", 444, F.eur, "market beats derivation"),
        // ES on web: its market `south` has a price without a channel, 7.77 EUR: a market price
        // beats the channel-wide 5.00 USD (which would give 4.99 EUR)
        cell(specificity, "b", "ES", "web", 777, F.eur, "market beats channel"),
        cell(specificity, "b", "ES", "ios", 777, F.eur, "market on another channel"),
        // US on web: USD, level 100% → 5.00 USD as written (the USD grid would give
        // (500 − 99)/100 = 4.01 → 4 → 4.99; the channel level would give 3.75 → 3.99)
        cell(specificity, "b", "US", "web", 500, F.usd, "channel price as written at full level"),
        // NL on web (EUR, not in the market): 5.00 USD × 0.92 = 4.60 EUR → 460
        //   → (460 − 99)/100 = 3.61 → 4 → 499 (4.99 EUR)
        //   (with the web level it would be 5.00 × 75% × 0.92 = 3.45 → 2.46 → 2 → 2.99)
        cell(specificity, "b", "NL", "web", 499, F.eur, "channel price converted without the channel level"),
        // EC on web (USD, level 50%): 5.00 × 50% = 2.50 → 250 → 1.51 → 2 → 299 (2.99 USD)
        //   (with the web level: 5.00 × 75% × 50% = 1.875 → 187.5 → 0.885 → 1 → 1.99)
        cell(specificity, "b", "EC", "web", 299, F.usd, "channel price with the region level only"),
        // NL on ios: no explicit price applies → 10.00 × 0.92 = 9.20 → 920 → 8.21 → 8 → 899 (8.99 EUR)
        cell(specificity, "b", "NL", "ios", 899, F.eur, "derived is the last resort"),
        // US on ios: 10.00 → 1000 → (1000 − 99)/100 = 9.01 → 9 → 999 (9.99 USD)
        cell(specificity, "b", "US", "ios", 999, F.usd, "derived in the base currency"),
        // EC on ios: 10.00 × 50% = 5.00 → 500 → 4.01 → 4 → 499 (4.99 USD)
        cell(specificity, "b", "EC", "ios", 499, F.usd, "derived with a region level"),
    ]
}
