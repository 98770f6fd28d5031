@testable import CoinageChecker
@testable import CoinageEngine
import Testing

/// `PriceBook.resolve` and the quote of a resolved request: the same quote or the same
/// refusal as quoting the request itself, codes matched in any case, counters by
/// promotion name, and a resolved request refused by a book of other rules.
@Suite struct ResolvedRequestTests {
    typealias F = WalkFixture

    /// Resolving then quoting gives exactly what quoting the request gives: the same
    /// quote, or the same refusal (kind, message and help), on generated requests
    /// with faults, recased and unknown codes, and counters of unknown promotions.
    static func agree(_ shop: CompiledShop, seed: UInt64, count: Int) -> [String] {
        mismatches(shop, seed: seed, count: count, explaining: { _ in false }) { request in
            let direct = shop.book.quote(request)
            let viaResolved = shop.book.resolve(request).flatMap { shop.book.quote($0) }
            return direct == viaResolved ? nil : "\(direct) against \(viaResolved)"
        }
    }

    /// What `compare` finds wrong with each of `count` requests generated for
    /// `shop` (`explaining` says which ask for their explanation), each prefixed
    /// with its request.
    static func mismatches(_ shop: CompiledShop, seed: UInt64, count: Int, explaining: (Int) -> Bool,
                           _ compare: (QuoteRequest) -> String?) -> [String] {
        var generator = RequestGenerator(rules: shop.rules, seed: seed)
        var mismatches: [String] = []
        for index in 0..<count {
            var request = generator.next()
            request.explain = explaining(index)
            if let mismatch = compare(request) { mismatches.append("\(request): \(mismatch)") }
        }
        return mismatches
    }

    @Test func theSampleShopQuotesAlikeResolvedOrNot() throws {
        let mismatches = Self.agree(try ReferenceEvaluatorPropertyTests.sampleShop(), seed: 0x5EED_0001, count: 1_500)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func aShopUsingEveryClauseQuotesAlikeResolvedOrNot() throws {
        let mismatches = Self.agree(try ReferenceEvaluatorPropertyTests.everyClauseCompiled(), seed: 0x5EED_0002, count: 1_500)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func aRefusedRequestIsRefusedWhenResolved() throws {
        let book = try F.book("bundle b: 10 coins, 1.00 USD")
        guard case .failure(let error) = book.resolve(F.request(.bundle("c"))) else {
            Issue.record("an unknown bundle resolved")
            return
        }
        #expect(error.kind == .unknownBundle && error.message == "unknown bundle `c`")
        guard case .failure(let region) = book.resolve(F.request(region: "DE")) else {
            Issue.record("an unknown region resolved")
            return
        }
        #expect(region.kind == .unknownRegion)
    }

    @Test func aBookOfOtherRulesRefusesAResolvedRequest() throws {
        let one = try F.book("bundle b: 10 coins, 1.00 USD")
        let other = try F.book("bundle b: 10 coins, 2.00 USD")
        let resolved = try one.resolve(F.request()).get()
        guard case .failure(let error) = other.quote(resolved) else {
            Issue.record("a request resolved against other rules was quoted")
            return
        }
        #expect(error.kind == .internalError)
        #expect(error.message == "the request was resolved against other rules than this price book's")
        // A book of the same rules, compiled again, takes it: its indices are the same.
        let again = try F.book("bundle b: 10 coins, 1.00 USD")
        #expect(try again.quote(resolved).get().price.minorUnits == 100)
    }

    /// Ten attributes (two past the inline slots), 70 codes of a cent each (six past
    /// the first 64), a promotion on the last attribute and one with limits.
    static let rareParts = "bundle b: 10 coins, 10.00 USD\n"
        + (0..<10).map { "user flag_\($0): bool\n" }.joined()
        + (0..<70).map { "promotion coded_\($0) {\n  code \"C\($0)\"\n  discount 0.01 USD\n}\n" }.joined()
        + """
        promotion late_flag {
          when user.flag_9 and not user.flag_0
          discount 0.10 USD
        }
        promotion limited {
          discount 1.00 USD
          limit 5, 1 per user
        }
        """

    /// The parts few requests carry sit behind one reference in a resolved request
    /// (`RareRequestParts`), apart from the inline facts and codes: codes numbered from
    /// 64 on, facts past the inline slots and redemption counters quote alike resolved
    /// or not, alone or mixed with the inline ones (`ResolvedLineReaderTests` reads
    /// the same shop's requests as batch lines).
    @Test func codesPast64FactsPastTheInlineSlotsAndCountersQuoteAlike() throws {
        let shop = try F.shop(Self.rareParts)
        let book = shop.book
        #expect(shop.rules.userAttributes.count > UserFacts.inlineSlots)
        let cases: [(user: [String: UserValue], codes: [String], redemptions: [String: Redemptions], discount: Int64)] = [
            ([:], [], [:], 100),
            ([:], ["c0", "C63"], [:], 102),
            ([:], ["c64", "c69", "C69"], [:], 102),
            ([:], ["c1", "c65", "unknown"], [:], 102),
            // `flag_0` missing: `not user.flag_0` is unknown, so `late_flag` does not apply.
            (["flag_9": .bool(true)], [], [:], 100),
            (["flag_9": .bool(true), "flag_0": .bool(true)], [], [:], 100),
            (["flag_9": .bool(true), "flag_0": .bool(false)], ["c66"], ["limited": Redemptions(total: 4, perUser: 0)], 111),
            ([:], [], ["limited": Redemptions(total: 5, perUser: 0)], 0),
            (["flag_8": .bool(true)], ["c2", "c67"], ["limited": Redemptions(total: 0, perUser: 1)], 2),
        ]
        for (user, codes, redemptions, discount) in cases {
            var request = F.request(user: user, codes: codes, redemptions: redemptions)
            request.explain = false
            let direct = try F.quote(book, request)
            let resolved = try book.quote(book.resolve(request).get()).get()
            #expect(direct == resolved, "\(user) \(codes) \(redemptions)")
            #expect(1_000 - resolved.price.minorUnits == discount, "\(user) \(codes) \(redemptions)")
            // A copy outlives the original's scope with its rare parts: they are shared, not moved.
            let kept = try book.resolve(request).get()
            let copy = kept
            #expect(try book.quote(copy).get() == resolved)
        }
    }

    static let coded = """
        bundle b: 10 coins, 10.00 USD
        promotion plain { code "VIP2026"
          discount 1.00 USD }
        promotion accented { code "CAFÉ"
          discount 2.00 USD }
        promotion sharp { code "straße"
          discount 3.00 USD }
        promotion kelvin { code "\u{212A}ELVIN"
          discount 4.00 USD }
        """

    static func discount(_ book: PriceBook, codes: [String]) throws -> Int64 {
        let request = F.request(codes: codes)
        let direct = try F.quote(book, request)
        let resolved = try book.quote(book.resolve(request).get()).get()
        #expect(direct.price == resolved.price)
        return 1_000 - resolved.price.minorUnits
    }

    @Test func codesMatchInAnyCaseAndAnyNormalForm() throws {
        let book = try F.book(Self.coded)
        #expect(try Self.discount(book, codes: ["vip2026"]) == 100)
        #expect(try Self.discount(book, codes: ["Vip2026", "VIP2026"]) == 100)
        #expect(try Self.discount(book, codes: ["VIP2026 "]) == 0)
        #expect(try Self.discount(book, codes: ["café"]) == 200)
        // `e` and a combining acute accent: the same text as `é`, in another form.
        #expect(try Self.discount(book, codes: ["cafe\u{301}"]) == 200)
        // The rules' code is kept uppercased, `STRASSE`: both spellings match it.
        #expect(try Self.discount(book, codes: ["Straße"]) == 300)
        #expect(try Self.discount(book, codes: ["strasse"]) == 300)
        #expect(try Self.discount(book, codes: ["vip2026", "CAFÉ", "STRASSE"]) == 600)
        // The Kelvin sign is the letter K as Swift compares text: plain `kelvin` matches it.
        #expect(try Self.discount(book, codes: ["kelvin"]) == 400)
    }

    @Test func countersAreReadByPromotionNameAndUnknownOnesIgnored() throws {
        let book = try F.book("""
            bundle b: 10 coins, 10.00 USD
            promotion once { discount 1.00 USD
              limit 1 per user }
            """)
        func price(_ redemptions: [String: Redemptions]) throws -> Int64 {
            try book.quote(book.resolve(F.request(redemptions: redemptions)).get()).get().price.minorUnits
        }
        #expect(try price([:]) == 900)
        #expect(try price(["once": Redemptions(total: 0, perUser: 1)]) == 1_000)
        #expect(try price(["other": Redemptions(total: 0, perUser: 1)]) == 900)
    }
}
