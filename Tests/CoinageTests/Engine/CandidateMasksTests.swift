@testable import CoinageChecker
@testable import CoinageEngine
import Testing

/// The candidate masks of a book of few promotions (`CandidateMasks`): which books
/// take them, how each candidate of a cell is to be tested, and the masked walk
/// giving the quote the list walk gives (the `--explain` quote walks the list).
@Suite struct CandidateMasksTests {
    typealias F = WalkFixture

    static let users = """
        user segment: one of new, vip
        user purchases: int
        user first_purchase: bool

        """

    /// `count` promotions, each for buyers with at least `i` purchases.
    static func thresholds(_ count: Int) -> String {
        "bundle b: 100 coins, 10.00 USD\n" + users
            + (0..<count).map { "promotion p\($0) {\n  when user.purchases >= \($0)\n  discount 1%\n}\n" }.joined()
    }

    @Test func aBookOfAtMost64PromotionsTakesTheMasksAndABiggerOneTheLists() throws {
        let small = try F.book(Self.thresholds(CandidateMasks.maximumPromotions))
        let big = try F.book(Self.thresholds(CandidateMasks.maximumPromotions + 1))
        #expect(small.program.masks.coversBook)
        #expect(!big.program.masks.coversBook)
        // A buyer of 30 purchases gets p0 to p30 from either book (in walk order:
        // equal priorities go by name).
        let buyer = F.request(user: ["purchases": .int(30)])
        let fromSmall = try F.quote(small, buyer).applied
        #expect(Set(fromSmall) == Set((0...30).map { "p\($0)" }))
        #expect(fromSmall == (0...30).map { "p\($0)" }.sorted())
        #expect(try F.quote(big, buyer).applied == fromSmall)
    }

    static let mixed = """
        bundle a: 100 coins, 10.00 USD
        bundle b: 2000 coins, 20.00 USD
        custom coins: 10 to 10_000, 0.01 USD each
        channel web: fee 0%
        channel ios: fee 0%
        """ + "\n" + users + """
        promotion always {
          discount 1%
        }
        promotion vips {
          when user.segment == vip
          discount 2%
        }
        promotion big_regulars {
          when bundle == b and user.purchases >= 3
          discount 3%
        }
        promotion either {
          when bundle == b and (user.segment == vip or user.purchases >= 10)
          discount 4%
        }
        promotion big_first {
          when coins >= 500 and user.first_purchase
          bonus 10%
        }
        """

    @Test func eachCandidateIsDecidedByTheBuyersFactsOrTestedOneByOne() throws {
        let book = try F.book(Self.mixed)
        let masks = book.program.masks
        #expect(masks.coversBook)
        let names = book.program.promotions.map(\.name)
        func bits(_ word: UInt64) -> Set<String> { Set(names.indices.filter { word >> UInt64($0) & 1 != 0 }.map { names[$0] }) }
        let grid = book.program.index.grid
        // Bundle b on the web: the bundle decides half of `big_regulars` and of
        // `either`, and its coins all of `big_first`'s but the first purchase.
        let b = masks.pattern(of: grid.index(item: 1, region: 0, channel: 0))
        #expect(bits(b.listed) == ["always", "vips", "big_regulars", "either", "big_first"])
        #expect(bits(b.byFacts) == ["vips", "big_regulars", "big_first"])
        #expect(bits(b.restTested) == ["either"])
        #expect(b.wholeTested == 0)
        // Bundle a: the promotions for bundle b are not listed, and its coins leave
        // `big_first` out.
        let a = masks.pattern(of: grid.index(item: 0, region: 0, channel: 0))
        #expect(bits(a.listed) == ["always", "vips"])
        // A custom amount: its coins are the request's, so `big_first` is tested whole.
        let custom = masks.pattern(of: grid.index(item: 2, region: 0, channel: 0))
        #expect(bits(custom.listed) == ["always", "vips", "big_first"])
        #expect(bits(custom.byFacts) == ["vips"])
        #expect(bits(custom.wholeTested) == ["big_first"])
    }

    @Test func theMaskedWalkQuotesAsTheListWalkForEveryBuyer() throws {
        let book = try F.book(Self.mixed)
        // The plain quote walks the masks; the explained one, the list.
        #expect(book.program.masks.coversBook)
        let segments: [UserValue?] = [nil, .value("new"), .value("vip")]
        let purchases: [UserValue?] = [nil, .int(0), .int(3), .int(10), .int(.max)]
        let firsts: [UserValue?] = [nil, .bool(false), .bool(true)]
        let items: [(QuoteRequest.Item, String)] = [(.bundle("a"), "web"), (.bundle("b"), "ios"), (.coins(400), "web"),
                                                    (.coins(600), "ios")]
        var compared = 0
        for (item, channel) in items {
            for segment in segments {
                for count in purchases {
                    for first in firsts {
                        var user: [String: UserValue] = [:]
                        user["segment"] = segment
                        user["purchases"] = count
                        user["first_purchase"] = first
                        var request = F.request(item, channel: channel, user: user)
                        let explained = try F.quote(book, request)
                        request.explain = false
                        let masked = try F.quote(book, request)
                        #expect(masked.applied == explained.applied && masked.discounts == explained.discounts
                                    && masked.price == explained.price && masked.coins == explained.coins, "\(request)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == 180)
    }
}
