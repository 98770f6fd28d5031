@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import Testing

/// `Quote.promotions` across its inline storage (four entries) and its spill array:
/// quotes applying 0, 1, 4, 5 and 9 promotions, the floor cutting entries past the
/// fourth, `applied`, `discounts` and `promotions` against each other and the trace,
/// equality and hashing, and an exclusive promotion in the spill.
@Suite struct AppliedPromotionsTests {
    typealias F = WalkFixture

    /// Nine promotions `p1` … `p9` in that walk order (priority 9 down to 1); `pK`
    /// takes K × 0.10 USD off and needs `coins >= K × 10`, a condition the bundle alone
    /// decides. Bundle `bN` has N × 10 coins, so it gets exactly N promotions.
    static func ladder(floor: String? = nil) -> String {
        var text = floor.map { "floor \($0)\n" } ?? ""
        for count in [0, 1, 4, 5, 9] { text += "bundle b\(count): \(count * 10 + 5) coins, 10.00 USD\n" }
        for k in 1...9 {
            text += "promotion p\(k) { when coins >= \(k * 10)\n  discount 0.\(k)0 USD\n  priority \(10 - k) }\n"
        }
        return text
    }

    /// The same request without and with `--explain`; both quotes, after checking
    /// they agree on every number and on the applied list.
    static func quotes(_ book: PriceBook, _ request: QuoteRequest,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (fast: Quote, explained: Quote) {
        var plain = request
        plain.explain = false
        var explained = request
        explained.explain = true
        let fast = try F.quote(book, plain, sourceLocation: sourceLocation)
        let traced = try F.quote(book, explained, sourceLocation: sourceLocation)
        #expect(fast.explanation == nil && traced.explanation != nil, sourceLocation: sourceLocation)
        #expect(fast.promotions == traced.promotions && fast.price == traced.price && fast.coins == traced.coins,
                sourceLocation: sourceLocation)
        #expect(fast.total == traced.total && fast.proceeds == traced.proceeds && fast.tax == traced.tax,
                sourceLocation: sourceLocation)
        expectConsistent(traced, sourceLocation: sourceLocation)
        expectConsistent(fast, sourceLocation: sourceLocation)
        return (fast, traced)
    }

    /// `applied`, `discounts` and `promotions` say the same, the lines sum to list −
    /// price, and with a trace, the trace's applied promotions and amounts match.
    static func expectConsistent(_ quote: Quote, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let elements = Array(quote.promotions)
        #expect(quote.promotions.count == elements.count && quote.applied == elements.map(\.promotion), sourceLocation: sourceLocation)
        let lines = elements.compactMap { element in element.discount.map { DiscountLine(promotion: element.promotion, amount: $0) } }
        #expect(quote.discounts == lines, sourceLocation: sourceLocation)
        #expect(quote.discounts.allSatisfy { $0.amount.minorUnits > 0 && $0.amount.currency == quote.currency },
                sourceLocation: sourceLocation)
        let sum = quote.discounts.reduce(0) { $0 + $1.amount.minorUnits }
        #expect(sum == quote.list.minorUnits - quote.price.minorUnits, sourceLocation: sourceLocation)
        guard let traces = quote.explanation?.promotions else { return }
        #expect(traces.filter(\.applied).map(\.promotion) == quote.applied, sourceLocation: sourceLocation)
        for element in elements {
            let trace = traces.first { $0.promotion == element.promotion }
            // The trace writes a zero amount where the quote has none (nil).
            #expect((trace?.discount?.minorUnits ?? 0) == (element.discount?.minorUnits ?? 0), "\(element.promotion)",
                    sourceLocation: sourceLocation)
        }
    }

    // MARK: Inline and spill

    @Test(arguments: [0, 1, 4, 5, 9])
    func aQuoteApplyingThisManyPromotions(count: Int) throws {
        let book = try F.book(Self.ladder())
        let (q, _) = try Self.quotes(book, F.request(.bundle("b\(count)")))
        let names = (0..<count).map { "p\($0 + 1)" }
        #expect(q.applied == names)
        #expect(q.promotions.map(\.promotion) == names)
        // pK takes 10 × K cents: 10 + 20 + … + 10 × count.
        #expect(F.lines(q) == (0..<count).map { "p\($0 + 1)=\(($0 + 1) * 10)" })
        #expect(q.price.minorUnits == 1_000 - Int64(5 * count * (count + 1)))
        #expect(q.promotions.isEmpty == (count == 0))
        // Reading past the end gives nothing, not a stale entry.
        #expect(q.promotions.entry(at: count).index == -1 && q.promotions.entry(at: count).amount == 0)
    }

    @Test func theFloorCutsEntriesPastTheFourthLastAppliedFirst() throws {
        // b9: lines 10 + 20 + … + 90 = 450, price 550.
        // floor 60%: 600, 50 too much: p9 90 → 40.
        let sixty = try Self.quotes(try F.book(Self.ladder(floor: "60%")), F.request(.bundle("b9"))).explained
        #expect(F.lines(sixty) == ["p1=10", "p2=20", "p3=30", "p4=40", "p5=50", "p6=60", "p7=70", "p8=80", "p9=40"])
        #expect(sixty.price.minorUnits == 600)
        #expect(F.reasons(sixty).filter { $0.value == "clipped_by_floor" }.keys.sorted() == ["p9"])

        // floor 70%: 150 too much: p9 90 → 0 (60 left), p8 80 → 20.
        let seventy = try Self.quotes(try F.book(Self.ladder(floor: "70%")), F.request(.bundle("b9"))).explained
        #expect(F.lines(seventy) == ["p1=10", "p2=20", "p3=30", "p4=40", "p5=50", "p6=60", "p7=70", "p8=20"])
        #expect(seventy.applied.count == 9 && seventy.promotions[8].discount == nil)
        #expect(seventy.promotions[7].discount?.minorUnits == 20)
        #expect(F.reasons(seventy).filter { $0.value == "clipped_by_floor" }.keys.sorted() == ["p8", "p9"])

        // floor 96%: 960, 410 too much: p9 … p5 give all they have (350), p4 40 → 0
        // (20 left), p3 30 → 10: the cut crosses from the spill into the inline entries.
        let deep = try Self.quotes(try F.book(Self.ladder(floor: "96%")), F.request(.bundle("b9"))).explained
        #expect(F.lines(deep) == ["p1=10", "p2=20", "p3=10"])
        #expect(deep.price.minorUnits == 960 && deep.applied.count == 9)
        #expect(deep.promotions.dropFirst(3).allSatisfy { $0.discount == nil })
        #expect(F.reasons(deep).filter { $0.value == "clipped_by_floor" }.keys.sorted()
            == ["p3", "p4", "p5", "p6", "p7", "p8", "p9"])
        #expect(F.reasons(deep)["p2"] == "applied" && F.reasons(deep)["p1"] == "applied")
        // The fully cut ones stay applied. Doubtful, pinned as it is: where the quote's
        // entry has no discount (nil), the trace gives one of 0.00 USD.
        let p9 = try #require(deep.explanation?.promotions.first { $0.promotion == "p9" })
        #expect(p9.applied && p9.discount == Money(minorUnits: 0, currency: F.usd))
        #expect(p9.detail.hasSuffix("cut its discount to 0.00 USD"))
    }

    /// Walk order by priority: d1 d2 d3 d4 (inline), bonus_only, not_lower, d7, clipped.
    static let mixed = """
        bundle b: 100 coins, 10.00 USD
        promotion d1 { discount 0.10 USD
          priority 8 }
        promotion d2 { discount 0.20 USD
          priority 7 }
        promotion d3 { discount 0.30 USD
          priority 6 }
        promotion d4 { discount 0.40 USD
          priority 5 }
        promotion bonus_only { bonus 5 coins
          priority 4 }
        promotion not_lower { price 20.00 USD
          priority 3 }
        promotion d7 { discount 3.50 USD
          priority 2 }
        promotion clipped { discount 1.00 USD
          bonus 2 coins
          priority 1 }
        """

    @Test func entriesWithoutADiscountHaveNone() throws {
        let book = try F.book("floor 50%\n" + Self.mixed)
        let q = try Self.quotes(book, F.request()).explained
        // 1000 − 10 − 20 − 30 − 40 = 900; bonus; 20.00 is not below 9.00; −350 → 550;
        // −100 → 450 < floor 500: clipped 100 → 50. Price 500.
        #expect(q.applied == ["d1", "d2", "d3", "d4", "bonus_only", "not_lower", "d7", "clipped"])
        #expect(q.promotions.map { $0.discount?.minorUnits } == [10, 20, 30, 40, nil, nil, 350, 50])
        #expect(F.lines(q) == ["d1=10", "d2=20", "d3=30", "d4=40", "d7=350", "clipped=50"])
        #expect(q.price.minorUnits == 500 && q.coins.bonus == 7)
        #expect(F.reasons(q)["bonus_only"] == "applied" && F.reasons(q)["not_lower"] == "price_not_lower")
        #expect(F.reasons(q)["clipped"] == "clipped_by_floor")

        // Floor 55%: 550, so `clipped` is cut to nothing: no discount, still applied.
        let full = try F.book("floor 55%\n" + Self.mixed)
        let cut = try Self.quotes(full, F.request()).explained
        #expect(cut.promotions.last?.promotion == "clipped" && cut.promotions.last?.discount == nil)
        #expect(cut.applied.last == "clipped" && cut.coins.bonus == 7 && cut.price.minorUnits == 550)
        #expect(F.reasons(cut)["clipped"] == "clipped_by_floor")
    }

    // MARK: Equality and hashing

    @Test func quotesOfTheSameRequestAreEqualWithEqualHashes() throws {
        let book = try F.book(Self.ladder(floor: "70%"))
        for count in [0, 1, 4, 5, 9] {
            for explain in [false, true] {
                var request = F.request(.bundle("b\(count)"))
                request.explain = explain
                let a = try F.quote(book, request)
                let b = try F.quote(book, request)
                #expect(a == b && a.hashValue == b.hashValue, "b\(count) explain \(explain)")
                #expect(a.promotions == b.promotions && a.promotions.hashValue == b.promotions.hashValue)
            }
        }
    }

    /// Applied promotions built by hand over one name table: `entries` as (walk
    /// index, minor units).
    static func applied(_ entries: [(Int, Int64)], names: QuoteLabels) -> AppliedPromotions {
        var promotions = AppliedPromotions(labels: names, currencyIndex: 0)
        for (index, amount) in entries { promotions.append(index: index, amount: amount) }
        return promotions
    }

    @Test func oneAmountOrTheOrderMakesAppliedPromotionsDifferent() {
        let names = QuoteLabels(promotions: (0..<9).map { "p\($0)" }, currencies: [F.usd])
        let nine = (0..<9).map { ($0, Int64($0 * 10)) }
        let base = Self.applied(nine, names: names)
        #expect(base == Self.applied(nine, names: names) && base.hashValue == Self.applied(nine, names: names).hashValue)
        // The same names in another table: equal, since entries compare by name and amount.
        let otherTable = QuoteLabels(promotions: (0..<9).map { "p\($0)" }, currencies: [F.usd])
        #expect(base == Self.applied(nine, names: otherTable))
        for position in [0, 3, 4, 8] {
            var changed = nine
            changed[position].1 += 1
            #expect(base != Self.applied(changed, names: names), "amount at \(position)")
        }
        // Two entries swapped, inline, across the boundary, in the spill.
        for (i, j) in [(0, 1), (3, 4), (6, 8)] {
            var swapped = nine
            swapped.swapAt(i, j)
            #expect(base != Self.applied(swapped, names: names), "swap \(i) \(j)")
        }
        // One entry fewer, or an amount cut to nothing by `setAmount` in the spill.
        #expect(base != Self.applied(Array(nine.dropLast()), names: names))
        var cut = base
        cut.setAmount(0, at: 7)
        #expect(cut != base && cut[7].discount == nil && cut[7].promotion == "p7")
        var restored = cut
        restored.setAmount(70, at: 7)
        #expect(restored == base && restored.hashValue == base.hashValue)
    }

    @Test func quotesDifferingOnlyInTheirPromotionsAreDifferent() throws {
        let book = try F.book(Self.ladder())
        let q = try F.quote(book, F.request(.bundle("b9")))
        func rebuilt(_ entries: [(Int, Int64)]) -> Quote {
            q.replacingPromotions(Self.applied(entries, names: book.labels))
        }
        let entries = (0..<9).map { ($0, Int64(($0 + 1) * 10)) }
        let same = rebuilt(entries)
        #expect(same == q && same.hashValue == q.hashValue)
        var amount = entries
        amount[6].1 = 71
        #expect(rebuilt(amount) != q)
        var order = entries
        order.swapAt(5, 6)
        #expect(rebuilt(order) != q)
    }

    // MARK: Exclusive

    @Test func anExclusivePromotionInTheSpillStopsTheWalk() throws {
        var text = "bundle b: 100 coins, 10.00 USD\n"
        for k in 1...5 { text += "promotion e\(k) { discount 0.0\(k) USD\n  priority \(20 - k) }\n" }
        // A coded exclusive one before it: without its code it is no candidate and cuts nothing.
        text += "promotion coded_stop { code \"STOP\"\n  discount 0.50 USD\n  priority 14\n  exclusive }\n"
        text += "promotion solo { discount 1.00 USD\n  priority 10\n  exclusive }\n"
        text += "promotion after_a { discount 0.20 USD\n  priority 5 }\n"
        text += "promotion after_b { bonus 9 coins\n  when coins >= 100 }\n"
        text += "promotion after_c { when user.vip\n  discount 0.30 USD }\n"
        text += "user vip: bool\n"
        let book = try F.book(text)
        let q = try Self.quotes(book, F.request(user: ["vip": .bool(true)])).explained
        // e1 … e5 (15 cents), solo (100), then nothing: 1000 − 115 = 885, no bonus.
        #expect(q.applied == ["e1", "e2", "e3", "e4", "e5", "solo"])
        #expect(q.price.minorUnits == 885 && q.coins.bonus == 0)
        #expect(F.trace(q) == ["e1:applied", "e2:applied", "e3:applied", "e4:applied", "e5:applied",
                               "coded_stop:code_missing", "solo:applied",
                               "after_a:cut_by_exclusive", "after_b:cut_by_exclusive", "after_c:cut_by_exclusive"])
        // With the code, the coded one stops the walk at the sixth entry instead.
        let coded = try Self.quotes(book, F.request(user: ["vip": .bool(true)], codes: ["stop"])).explained
        #expect(coded.applied == ["e1", "e2", "e3", "e4", "e5", "coded_stop"])
        #expect(coded.price.minorUnits == 1_000 - 15 - 50)
        #expect(F.reasons(coded)["solo"] == "cut_by_exclusive" && F.reasons(coded)["after_c"] == "cut_by_exclusive")
        let detail = coded.explanation?.promotions.first { $0.promotion == "after_a" }?.detail ?? ""
        #expect(detail.contains("`coded_stop`"))
    }
}
