import CoinageChecker
import CoinageSyntax

/// What happened to one promotion in a quote, and why.
public struct PromotionTrace: Hashable, Sendable {
    /// The reason, as a stable code for JSON and tests.
    public enum Reason: String, Hashable, Sendable, CaseIterable {
        case applied
        /// Applied, but the floor cut its discount (perhaps to nothing).
        case clippedByFloor = "clipped_by_floor"
        /// Applied with no discount: its `price` is not below the running price.
        case priceNotLower = "price_not_lower"
        /// Its condition cannot hold for this bundle or region.
        case notForThisItem = "not_for_this_item"
        case conditionFalse = "condition_false"
        /// The condition reads a user attribute the request does not carry.
        case missingAttribute = "missing_attribute"
        case outsideWindow = "outside_window"
        case outsideHours = "outside_hours"
        case codeMissing = "code_missing"
        case limitReached = "limit_reached"
        case groupTaken = "group_taken"
        case cutByExclusive = "cut_by_exclusive"
    }

    public let promotion: String
    public let reason: Reason
    /// The reason in words, with the values that decided it.
    public let detail: String
    /// The discount it contributed, when it applied.
    public let discount: Money?
    /// The bonus coins it contributed, when it applied.
    public let bonusCoins: Int64?

    public var applied: Bool {
        reason == .applied || reason == .clippedByFloor || reason == .priceNotLower
    }
}
