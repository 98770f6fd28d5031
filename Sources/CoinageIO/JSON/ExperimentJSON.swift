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
