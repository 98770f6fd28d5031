import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// The buyers a diff quotes for: combinations of values of the user attributes that
/// some promotion condition reads, in either rule set.
///
/// Each attribute contributes the values where a condition can change its answer
/// (`UserValueClasses.neighbourhoods`, the analysis's classes with both neighbours
/// of every constant), and "not carried" (a comparison on a missing attribute is
/// unknown):
/// - `bool`: `false`, `true`;
/// - `one of`: every declared value (the new declaration's order, then values only
///   the old one has);
/// - `int`: every constant a condition compares it with, one below and one above,
///   and the ends of a declared range, keeping only values some declaration's range
///   allows (a value outside every range is refused on both sides alike);
/// - `date`: every constant date of a comparison, the day before and the day after.
///
/// An attribute that no condition reads cannot change a quote, so profiles leave it
/// out. When the combinations exceed the limit, a seeded sample is taken that still
/// contains every value of every attribute.
public struct UserProfiles: Hashable, Sendable {
    /// The attributes, by name ascending, each with its values.
    public let domains: [AttributeDomain]
    /// Every combination, or the sample: one dictionary per buyer.
    public let profiles: [[String: UserValue]]
    /// How many combinations there are before sampling (saturating at `Int.max`).
    public let combinationCount: Int
    /// The same count exactly, in decimal digits: 41 bool attributes alone make 3^41
    /// combinations (each false, true or not carried), more than 64 bits hold.
    public let exactCombinationCount: String

    /// True when there were more combinations than the limit allows.
    public var isSampled: Bool { profiles.count < combinationCount }

    init(old: RuleSet, new: RuleSet, limit: Int) {
        let reads = ComparedConstants(old).merged(with: ComparedConstants(new))
        var domains: [AttributeDomain] = []
        for name in reads.attributes.sorted() {
            let declarations = [new.userAttribute(name), old.userAttribute(name)].compactMap { $0 }
            let values = Self.values(declarations, reads: reads, name: name)
            domains.append(AttributeDomain(name: name, values: values.map { Optional($0) } + [nil]))
        }
        self.domains = domains
        var product = 1
        var exact = BigUInt(1 as UInt64)
        for domain in domains {
            let (next, overflow) = product.multipliedReportingOverflow(by: domain.values.count)
            product = overflow ? Int.max : next
            exact = exact * BigUInt(UInt64(domain.values.count))
        }
        combinationCount = product
        exactCombinationCount = exact.description
        var sample = DeterministicSample()
        let rows: [[Int]] = product <= limit
            ? Self.allCombinations(domains.map(\.values.count))
            : sample.combinations(radices: domains.map(\.values.count), limit: limit)
        profiles = rows.map { row in
            var profile: [String: UserValue] = [:]
            for (domain, index) in zip(domains, row) { profile[domain.name] = domain.values[index] }
            return profile
        }
    }

    /// The values of one attribute that matter, from its declarations on both sides.
    private static func values(_ declarations: [UserAttribute], reads: ComparedConstants, name: String) -> [UserValue] {
        var values: [UserValue] = []
        func add(_ value: UserValue) { if !values.contains(value) { values.append(value) } }
        for declaration in declarations {
            switch declaration.kind {
            case .bool:
                add(.bool(false))
                add(.bool(true))
            case .oneOf(let names):
                names.forEach { add(.value($0)) }
            case .int(let range):
                var candidates = Set(UserValueClasses.neighbourhoods(reads.ints[name] ?? [], within: Int64.min...Int64.max))
                if let range { candidates.formUnion([range.lowerBound, range.upperBound]) }
                let allowed = candidates.filter { value in
                    declarations.contains { if case .int(let r) = $0.kind { return r?.contains(value) ?? true } else { return false } }
                }
                allowed.sorted().forEach { add(.int($0)) }
            case .date:
                for day in UserValueClasses.neighbourhoods(reads.days[name] ?? [], within: UserValueClasses.dayRange) {
                    let (year, month, dayOfMonth) = CivilTime.date(fromDays: day)
                    if let date = CivilDate(year: year, month: month, day: dayOfMonth) { add(.date(date)) }
                }
            case .text:
                // No condition compares it: one text stands for all.
                add(.value("id_1"))
            }
        }
        return values
    }

    /// Every row of a mixed-radix product, in lexicographic order.
    private static func allCombinations(_ radices: [Int]) -> [[Int]] {
        var rows: [[Int]] = [[]]
        for radix in radices {
            rows = rows.flatMap { row in (0..<radix).map { row + [$0] } }
        }
        return rows
    }
}

/// One user attribute and the values a profile may give it; `nil` is "not carried".
public struct AttributeDomain: Hashable, Sendable {
    public let name: String
    public let values: [UserValue?]
}
