import Coinage
import CoinageJSON

extension QuoteJSON {
    /// The quote's JSON with the arm it was priced in: `experiment`, `arm`,
    /// `assignment` (why: `assigned`, `forced`, `no_unit`, `outside_window`,
    /// `not_in_audience`) and, when the unit was hashed, `bucket`. Without an
    /// assignment (the rules declare no experiment) it is `quote(_:)`, byte for byte.
    public static func quote(_ quote: Quote, assignment: ArmAssignment?) -> JSONValue {
        let plain = self.quote(quote)
        guard let assignment, case .object(let members) = plain else { return plain }
        return .object(members + experimentMembers(assignment))
    }

    /// The members that say which arm priced a quote.
    public static func experimentMembers(_ assignment: ArmAssignment) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("experiment", .string(assignment.experiment)),
            ("arm", .string(assignment.arm)),
            ("assignment", .string(assignment.reason.name)),
        ]
        if case .hashed(let bucket) = assignment.reason { members.append(("bucket", .integer(bucket))) }
        return members
    }
}

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
