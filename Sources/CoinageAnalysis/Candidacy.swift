import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// What decides when a promotion is a candidate, with its source positions left
/// out: its condition, window, weekly hours, code and whether it has limits. Two
/// promotions with equal keys are candidates for exactly the same requests, so the
/// lints ask each question of a key once, however many promotions share it.
struct CandidacyKey: Hashable {
    /// A condition's shape: its tree with the spans dropped.
    indirect enum Shape: Hashable {
        case and(Shape, Shape)
        case or(Shape, Shape)
        case not(Shape)
        /// A comparison, which holds no spans.
        case leaf(Condition.Kind)

        init(_ condition: Condition) {
            switch condition.kind {
            case .and(let a, let b): self = .and(Shape(a), Shape(b))
            case .or(let a, let b): self = .or(Shape(a), Shape(b))
            case .not(let a): self = .not(Shape(a))
            default: self = .leaf(condition.kind)
            }
        }
    }

    let condition: Shape?
    let window: [String]
    let weekly: [String]
    let code: String?
    let hasLimits: Bool

    init(_ promotion: Promotion) {
        condition = promotion.condition.map(Shape.init)
        window = promotion.window.map { ["\($0.start)", "\($0.end)", "\($0.wholeDays)", "\($0.zone)"] } ?? []
        weekly = promotion.weekly.map { weekly in
            [weekly.days.sorted().map(String.init).joined(separator: ","), "\(weekly.from ?? -1)", "\(weekly.to ?? -1)", "\(weekly.zone)"]
        } ?? []
        code = promotion.code
        hasLimits = promotion.totalLimit != nil || promotion.perUserLimit != nil
    }

    /// Per promotion, the number of its key, numbered in order of first appearance.
    static func numbers(_ promotions: [Promotion]) -> [Int] {
        ListPriceDerivation.classes(promotions.map(CandidacyKey.init))
    }
}
