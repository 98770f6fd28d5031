@testable import CoinageChecker
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The checker puts the checked promotions in the order of their names in place
/// (`Checker.orderByName`): the same order a stable sort by name gives, whatever the
/// order they were checked in.
@Suite struct PromotionOrderTests {
    static func promotion(_ name: String, priority: Int64) -> Promotion {
        Promotion(name: name, condition: nil, window: nil, weekly: nil, code: nil, totalLimit: nil, perUserLimit: nil,
                  priceEffect: nil, bonus: .coins(1), priority: priority, exclusive: false, group: nil,
                  span: SourceSpan(file: SourceFileID(0), start: 0, end: 0))
    }

    @Test(arguments: [0, 1, 2, 3, 17, 1_000])
    func orderingInPlaceIsAStableSortByName(count: Int) {
        var generator = SplitMix64(seed: UInt64(count) &+ 7)
        // Few distinct names, so that equal names meet; the priority tells equal names apart.
        let distinct = UInt64(max(2, count / 3))
        let promotions: [Promotion] = (0..<count).map { index in
            Self.promotion("promo_\(generator.next() % distinct)", priority: Int64(index))
        }
        var ordered = promotions
        Checker.orderByName(&ordered)
        // The priority is the declaration's position: equal names keep it rising.
        let expected: [Promotion] = promotions.sorted { (a: Promotion, b: Promotion) -> Bool in
            a.name != b.name ? a.name < b.name : a.priority < b.priority
        }
        #expect(ordered == expected)
    }
}
