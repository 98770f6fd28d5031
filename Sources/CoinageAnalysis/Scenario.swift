import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A choice of which promotions are candidates in a cell and which are not, with
/// what that asks of a request: the classes of its user facts, the instants it may
/// be made at, the codes it carries or must not carry, the counters at their limit.
struct Scenario {
    var user: UserBox
    /// Nil: any instant of the horizon.
    var time: TimeSet?
    var codes: [String] = []
    var withheld: [String] = []
    /// Promotions (walk-order indices) whose redemption counters stand at their limit.
    var atLimit: [Int] = []
    /// Promotions chosen as candidates, in walk order.
    var candidates: [Int] = []

    init(slotCount: Int) {
        user = UserBox(slotCount: slotCount)
    }

    /// Every way of making `promotion` a candidate on top of this scenario.
    func including(_ promotion: CellPromotion) -> [Scenario] {
        if let code = promotion.code, withheld.contains(code) { return [] }
        var time = self.time
        if let times = promotion.times {
            let merged = time.map { $0.intersection(times) } ?? times
            if merged.isEmpty { return [] }
            time = merged
        }
        var results: [Scenario] = []
        for box in promotion.include {
            guard let user = user.intersection(box) else { continue }
            var next = self
            next.user = user
            next.time = time
            if let code = promotion.code, !codes.contains(code) { next.codes.append(code) }
            next.candidates.append(promotion.index)
            results.append(next)
        }
        return results
    }

    /// Whether `promotion` can still be made a candidate, without building the ways.
    func allows(_ promotion: CellPromotion) -> Bool {
        if let code = promotion.code, withheld.contains(code) { return false }
        if let times = promotion.times, let time, !time.intersects(times) { return false }
        if let times = promotion.times, time == nil, times.isEmpty { return false }
        return promotion.include.contains { user.intersects($0) }
    }

    /// Whether making `promotion` a candidate asks nothing new of this scenario.
    func alreadyImplies(_ promotion: CellPromotion) -> Bool {
        if let code = promotion.code, !codes.contains(code) { return false }
        if let times = promotion.times {
            guard let time, time.isSubset(of: times) else { return false }
        }
        return promotion.include.contains { box in user.isSubset(of: box) }
    }

    /// Whether every request this scenario allows, `other` allows too: a branch
    /// from here reaches no walk a branch from `other` cannot.
    func isNarrowing(of other: Scenario) -> Bool {
        if let wider = other.time {
            guard let time, time.isSubset(of: wider) else { return false }
        }
        return other.codes.allSatisfy(codes.contains) && other.withheld.allSatisfy(withheld.contains)
            && other.atLimit.allSatisfy(atLimit.contains) && user.isSubset(of: other.user)
    }

    /// Every way of keeping `promotion` from being a candidate, the cheapest first:
    /// counters at the limit (nothing else is asked), a withheld code, a false
    /// condition, an instant outside its times.
    func excluding(_ promotion: CellPromotion, horizon: TimeSet) -> [Scenario] {
        if promotion.hasLimits {
            var next = self
            next.atLimit.append(promotion.index)
            return [next]
        }
        var results: [Scenario] = []
        if let code = promotion.code, !codes.contains(code) {
            var next = self
            if !withheld.contains(code) { next.withheld.append(code) }
            results.append(next)
        }
        for box in promotion.exclude {
            guard let user = user.intersection(box) else { continue }
            var next = self
            next.user = user
            results.append(next)
        }
        if let times = promotion.times {
            let outside = times.complement(within: time ?? horizon)
            if !outside.isEmpty {
                var next = self
                next.time = outside
                results.append(next)
            }
        }
        return results
    }
}
