@testable import CoinageFormat
@testable import CoinageSyntax
import Foundation
import Testing

/// What `fmt` refuses that is the user's to fix, and how it verifies big files.
@Suite("Formatter limits")
struct FormatterLimitTests {
    static func source(_ text: String) -> SourceFile { SourceFile(id: SourceFileID(0), path: "big.coin", text: text) }

    /// Alignment pads every row of a run to its widest: short rows next to one long
    /// name grow many times over. Past the size a rules file may have, the result
    /// would not read back; that is the file's size, not a formatter bug.
    @Test("a file that grows past the size limit when formatted is refused as too large")
    func formattedTextOverTheLimitIsTooLarge() {
        let long = String(repeating: "x", count: 200)
        var text = "bundle \(long): 1 coins, 1.00 USD\n"
        for index in 0..<50 { text += "bundle b\(index): 1 coins, 1.00 USD\n" }
        guard case .formatted(let formatted) = RuleFormatter.format(Self.source(text)) else {
            Issue.record("not formatted")
            return
        }
        // The same file, with a limit between its size and its formatted size.
        #expect(text.utf8.count < formatted.utf8.count)
        let limit = formatted.utf8.count - 1
        #expect(RuleFormatter.format(Self.source(text), maxBytes: limit) == .tooLarge(bytes: formatted.utf8.count))
        #expect(RuleFormatter.format(Self.source(text), maxBytes: formatted.utf8.count) == .formatted(formatted))
    }

    /// Declarations whose tokens are alike in both texts are not fingerprinted; one
    /// whose tokens differ still is, so a changed value is caught either way.
    @Test("declarations are compared by tokens, then by structure where the tokens differ")
    func tokenComparison() {
        func check(_ original: String, _ formatted: String) -> Bool {
            let a = Parser.parse(Self.source(original)).file
            let b = Parser.parse(Self.source(formatted)).file
            return RuleFormatter.sameDeclarations(a, Lexer.tokenize(Self.source(original)).tokens,
                                                  b, Lexer.tokenize(Self.source(formatted)).tokens)
        }
        // Spaces and indentation only.
        #expect(check("rate   EUR 0.92\npromotion p {\ndiscount 5%\n}\n", "rate EUR 0.92\npromotion p {\n  discount 5%\n}\n"))
        // Tokens differ (attribute order, `coin`), the rules do not.
        #expect(check("region DE: EUR, zone Europe/Berlin, tax 19% included\ngift g: 1 coins\n",
                      "region DE: EUR, tax 19% included, zone Europe/Berlin\ngift g: 1 coin\n"))
        // A value, a clause's line, a declaration: all caught.
        #expect(!check("rate EUR 0.92\n", "rate EUR 0.93\n"))
        #expect(!check("rate EUR 1.0\n", "rate EUR 1.00\n"))
        #expect(!check("region DE: EUR, zone Europe/Berlin, tax 19% included\n", "region DE: EUR, tax 19% added, zone Europe/Berlin\n"))
        #expect(!check("rate EUR 0.92\nrate GBP 0.8\n", "rate EUR 0.92\n"))
    }
}

/// The fast fingerprint writes what reflection writes: every type that writes its
/// own must name every field reflection sees, on every construct of the language.
@Suite("Structural fingerprint")
struct FingerprintTests {
    static let everything = """
        base currency USD
        stacking compound
        floor 40%
        currency XGC exponent 0
        rate EUR 0.92
        round EUR nearest 1.00 ending 0.99
        round USD {
          below 10.00: nearest 0.10 ending 0.09
          else: up 1.00
        }
        region US: USD, tax 7.25% added, zone America/New_York
        region DE: EUR, tax 19% included, zone Europe/Berlin, level 90%
        market eurozone: DE, FR
        channel ios: fee 30%
        channel web: fee 3%, level 75%
        channel tv
        bundle coins_70: 70 coins, 0.99 USD
        bundle coins_700: 700 coins, 9.99 USD, bonus 1 coin
        custom coins: 30 to 2_500_000, 0.0141 USD each, on [web, ios]
        custom one: 1 to 2, 1 USD each, on web
        price coins_70 on web: 0.74 USD
        price coins_70 in DE on ios: 0.99 EUR
        price coins_70 in eurozone: 0.89 EUR
        user first: bool
        user segment: one of new, vip
        user purchases: int 0 to 1_000
        user visits: int
        user signup: date
        user player: text
        gift rose: 1 coin
        payout {
          share 50%
          diamond 0.005 USD
          minimum 100.00 USD
          maximum 1_000.00 USD per day
        }
        promotion p {
          when (region in eurozone or region in [US, DE]) and not bundle in [coins_70] and user.first
          when user.segment != vip and user.purchases >= 10 and user.signup < 2026-01-01 and list >= 9.99 USD
          when channel == web and user.first == false and currency == EUR and coins > 1_000
          during 2026-11-27 to 2026-11-30 local
          during 2026-11-27T10:00 to 2026-11-30T18:30:15 Europe/Berlin
          every sat, sun from 18:00 to 22:00 local
          code "BF\\"2026"
          limit 10_000, 1 per user
          limit 5
          limit 1 per user
          discount 20%
          discount 1.00 USD
          price 4.99 USD
          bonus 10%
          bonus 100 coins
          priority 5
          exclusive
          group welcome
        }
        test "t" {
          quote coins_70 in DE on web at 2026-11-28T10:00 Europe/Berlin
          quote 500 coins in US at 2026-11-28 local
          user first = true, segment = vip, purchases = 12, signup = 2026-01-02, player = "9f1c-77ab"
          code "VIP2026"
          redeemed p 3, 1 per user
          expect price 7.99 EUR
          expect coins 700
          expect applied p
          expect not applied p
          expect error unknown_bundle
        }
        guard discount at most 50%
        guard price per coin falls with size
        guard region price within 35% of base
        guard price per coin does not rise with size
        allow W0202 "launch ladder"
        allow W0202 for coins_70 "reviewed"
        unit bit, bits
        points app_store {
          tier 1: 0.99 USD, 0.99 EUR, 1.09 EUR in FI
          tier 2: 1.99 USD
        }
        points play from "play.csv"
        channel android: fee 15%, points app_store up
        price coins_70 in DE on ios: points app_store tier 1
        price coins_700 in US: points play down
        test "units" {
          arm web_price cheaper
          quote 100 bits in US
          redeemed p 3
          expect bits 110
        }
        experiment web_price {
          during 2026-12-10 to 2027-01-10 UTC
          audience region in [US, DE] and channel == web
          unit user.purchases
          salt "2026-12"
          arm control 50
          arm cheaper 50 {
            price coins_70 in US on web: 0.69 USD
            promotion launch {
              when bundle == coins_700
              discount 10%
            }
          }
        }
        """

    static func check(_ text: String, label: String) {
        let parsed = Parser.parse(SourceFile(id: SourceFileID(0), path: "all.coin", text: text))
        for declaration in parsed.file.declarations {
            let fast = StructuralFingerprint.of(declaration)
            let reflected = StructuralFingerprint.reflected(declaration)
            #expect(fast == reflected, "\(label): \(declaration.span)\nfast:      \(fast)\nreflected: \(reflected)")
        }
    }

    @Test("the fast and the reflected fingerprint agree on every construct")
    func everyConstruct() {
        let parsed = Parser.parse(SourceFile(id: SourceFileID(0), path: "all.coin", text: Self.everything))
        // Whether or not the checker would accept it, the parser reads all of it.
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics.map(\.message))")
        #expect(parsed.file.declarations.count == 44)
        Self.check(Self.everything, label: "everything")
    }

    @Test("the fast and the reflected fingerprint agree on generated files", arguments: 0..<UInt64(50))
    func generated(seed: UInt64) {
        var generator = FormatterRuleGenerator(seed: seed)
        Self.check(generator.file(), label: "seed \(seed)")
    }
}
