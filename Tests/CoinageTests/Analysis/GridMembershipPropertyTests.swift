@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Testing

/// The grid the off-grid lint (W0201) judges by is the grid rounding puts derived
/// prices on, and the prices its help suggests are the grid's nearest candidates.
@Suite struct GridMembershipPropertyTests {
    static let cases = 2_000

    @Test func everyRoundedValueIsOnItsGrid() throws {
        var random = SplitMix64(seed: 0x6121D)
        for _ in 0 ..< Self.cases {
            let grid = PricingPropertyTests.randomGrid(&random)
            // Values from a fraction of a minor unit up to 100_000 minor units.
            let value = try #require(Fraction(UInt64(random.int(1 ... 10_000_000)), UInt64(random.pick([1, 3, 7, 100]))))
            let rounded = try grid.round(value)
            #expect(grid.contains(rounded), "\(grid) rounds \(value) to \(rounded), off its own grid")
            #expect(RoundingRule.single(grid).isOnGrid(rounded))
        }
    }

    @Test func theNeighboursOfAnAmountOffTheGridAreTheCandidatesEitherSide() {
        var random = SplitMix64(seed: 0xBEE5)
        var offGrid = 0
        for _ in 0 ..< Self.cases {
            let grid = PricingPropertyTests.randomGrid(&random)
            let amount = random.int(1 ... 200_000)
            guard !grid.contains(amount) else { continue }
            offGrid += 1
            let (below, above) = grid.neighbours(of: amount)
            let first = grid.ending > 0 ? grid.ending : grid.step
            guard let above else {
                Issue.record("\(grid): no candidate above \(amount)")
                continue
            }
            #expect(grid.contains(above) && above > amount, "\(grid): \(above) above \(amount)")
            if let below {
                #expect(grid.contains(below) && below < amount, "\(grid): \(below) below \(amount)")
                // Nothing on the grid lies between them.
                #expect(above - below == grid.step, "\(grid): \(below) and \(above) around \(amount)")
            } else {
                #expect(above == first && amount < first, "\(grid): \(amount) has no candidate below")
            }
        }
        #expect(offGrid > Self.cases / 4)
    }
}
