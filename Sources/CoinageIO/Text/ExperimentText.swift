import Coinage

extension QuoteText {
    /// The quote as `render(_:unit:)` writes it, then the arm it was priced in.
    public static func render(_ quote: Quote, unit: CoinUnit, assignment: ArmAssignment?) -> String {
        let text = render(quote, unit: unit)
        guard let assignment else { return text }
        return text + armLine(assignment) + "\n"
    }

    /// `arm cheaper of experiment web_coin_price (assigned: bucket 37)`.
    public static func armLine(_ assignment: ArmAssignment) -> String {
        let why: String
        switch assignment.reason {
        case .hashed(let bucket): why = "assigned: bucket \(bucket)"
        case .forced: why = "forced by the request"
        case .noUnit: why = "the request carries no unit"
        case .outsideWindow: why = "outside the experiment's window"
        case .notInAudience: why = "not in the experiment's audience"
        }
        return "arm \(assignment.arm) of experiment \(assignment.experiment) (\(why))"
    }
}
