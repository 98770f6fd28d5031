import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What one rule set says a list-price cell costs: a price, or an overflow that a
/// quote of that cell would refuse.
public enum CellPrice: Hashable, Sendable, CustomStringConvertible {
    case price(Money)
    case overflow

    /// The price, or nil for an overflow.
    public var money: Money? {
        if case .price(let money) = self { return money }
        return nil
    }

    public var description: String { money?.description ?? "overflow" }
}

/// One bundle × region × channel cell whose list price differs between two rule sets.
public struct ListPriceChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// The cell exists only in the new rules (a new bundle, region or channel).
        case added
        /// The cell exists only in the old rules.
        case removed
        /// Both have the cell, at different prices (or in different currencies).
        case changed
    }

    public let bundle: String
    public let region: String
    /// Nil in a rule set that declares no channels.
    public let channel: String?
    public let old: CellPrice?
    public let new: CellPrice?

    public var kind: Kind {
        switch (old, new) {
        case (nil, _): .added
        case (_, nil): .removed
        default: .changed
        }
    }

    /// True when the region's currency is not the same on both sides.
    public var currencyChanged: Bool {
        guard let before = old?.money, let after = new?.money else { return false }
        return before.currency != after.currency
    }

    /// Nil unless both sides have a price in one currency and the old one is positive:
    /// a percentage across currencies would mix the rate into the change.
    public var percent: PercentChange? {
        guard let before = old?.money, let after = new?.money, before.currency == after.currency else { return nil }
        return PercentChange(from: before.minorUnits, to: after.minorUnits)
    }
}

/// Every list price that differs between two rule sets, over the union of their cells.
public struct ListPriceDiff: Hashable, Sendable {
    /// Cells that exist in at least one of the two rule sets.
    public let cellsCompared: Int
    /// In bundle, region, channel order (the new rules' declaration order, then names
    /// only the old rules have, in theirs).
    public let changes: [ListPriceChange]

    /// How many changes are of `kind`.
    public func count(_ kind: ListPriceChange.Kind) -> Int { changes.count { $0.kind == kind } }

    /// Prices every cell of either side on both sides and keeps those that differ.
    public init(old: ComparedRules, new: ComparedRules) {
        let bundles = DiffOrder.union(new.rules.bundles.map(\.name), old.rules.bundles.map(\.name))
        let regions = DiffOrder.union(new.rules.regions.map(\.code), old.rules.regions.map(\.code))
        let channels = DiffOrder.channelSlots(old.rules, new.rules)
        var compared = 0
        var changes: [ListPriceChange] = []
        for bundle in bundles {
            for region in regions {
                for channel in channels {
                    let before = Self.price(old, bundle: bundle, region: region, channel: channel)
                    let after = Self.price(new, bundle: bundle, region: region, channel: channel)
                    guard before != nil || after != nil else { continue }
                    compared += 1
                    guard before != after else { continue }
                    changes.append(ListPriceChange(bundle: bundle, region: region, channel: channel, old: before, new: after))
                }
            }
        }
        cellsCompared = compared
        self.changes = changes
    }

    /// The cell's price in one rule set; nil when that rule set has no such cell.
    static func price(_ side: ComparedRules, bundle: String, region: String, channel: String?) -> CellPrice? {
        let rules = side.rules
        guard rules.bundle(bundle) != nil, rules.region(region) != nil else { return nil }
        switch channel {
        case nil where !rules.channels.isEmpty: return nil
        case let name? where rules.channel(name) == nil: return nil
        default: break
        }
        return side.book.explainListPrice(bundle: bundle, region: region, channel: channel).map { .price($0.price) } ?? .overflow
    }
}

/// The order the diff reports names in, the same on every run.
enum DiffOrder {
    /// `first` in its order, then what only `second` has, in its order.
    static func union(_ first: [String], _ second: [String]) -> [String] {
        let seen = Set(first)
        return first + second.filter { !seen.contains($0) }
    }

    /// Channels of either rule set; `nil` stands for "no channel" and comes first when
    /// either rule set declares none.
    static func channelSlots(_ old: RuleSet, _ new: RuleSet) -> [String?] {
        let named = union(new.channels.map(\.name), old.channels.map(\.name)).map { Optional($0) }
        return (old.channels.isEmpty || new.channels.isEmpty ? [nil] : []) + named
    }
}
