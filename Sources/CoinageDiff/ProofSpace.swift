import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Every class of request that two rule sets can tell apart, one request per class:
/// the joint classes `coinage diff --prove` quotes on both sides.
///
/// - cells: every bundle × region × channel of either side (custom amounts only at
///   the amounts the corpus takes: they are not exact, see `customCells`);
/// - user attributes: each attribute a condition reads, or whose declaration differs
///   between the sides, with one value per class its comparisons and declared ranges
///   cut (`UserValueClasses.representatives`), every declared `one of` value, and
///   "not carried";
/// - instants: one per class of `ProofInstants`, per region;
/// - codes: every subset of the promotion codes of either side;
/// - redemption counters: per limited promotion, zero and each side's limit, total
///   and per user.
public struct ProofSpace: Sendable {
    public let cells: [QuoteCorpus.QuotedCell]
    /// How many of `cells` are custom amounts (checked at chosen amounts only).
    public let customCells: Int
    public let attributes: [AttributeDomain]
    public let instants: [String: [Int64]]
    public let codes: [String]
    public let counterStates: [[String: Redemptions]]

    /// Profiles: the product of the attributes' value counts (saturating).
    public var profileCount: Int { Self.product(attributes.map(\.values.count)) }
    public var codeSetCount: Int { codes.count >= 62 ? Int.max : 1 << codes.count }
    /// Requests in all (saturating at `Int.max`).
    public var requestCount: Int {
        let perInstant = Self.product([profileCount, codeSetCount, counterStates.count])
        var total = 0
        for cell in cells {
            let (sum, overflow) = total.addingReportingOverflow(Self.product([perInstant, instants[cell.region]?.count ?? 0]))
            total = overflow ? Int.max : sum
        }
        return total
    }

    /// The space, or the name of the dimension that went past `instantLimit`.
    init(old: RuleSet, new: RuleSet, instantLimit: Int) throws(ProofIncomplete) {
        let corpus = QuoteCorpus(old: old, new: new, at: QuoteRequest.coveredInstants.lowerBound,
                                 limits: CorpusLimits(profiles: 1, requests: 1))
        cells = corpus.cells
        customCells = corpus.cells.count { if case .coins = $0.item { true } else { false } }
        attributes = Self.attributes(old: old, new: new)
        var instants: [String: [Int64]] = [:]
        for region in Set(cells.map(\.region)) {
            guard let found = ProofInstants.instants(region: region, old: old, new: new, limit: instantLimit) else {
                throw ProofIncomplete(reason: "instants: the windows and weekly hours of region `\(region)` change more than \(instantLimit) times")
            }
            instants[region] = found
        }
        self.instants = instants
        codes = Set(old.promotions.compactMap(\.code) + new.promotions.compactMap(\.code)).sorted()
        counterStates = Self.counterStates(old: old, new: new)
    }

    /// The request of one class.
    func request(cell: QuoteCorpus.QuotedCell, profile: [String: UserValue], instant: Int64, codeSet: Int,
                 counters: [String: Redemptions]) -> QuoteRequest {
        let chosen = codes.enumerated().filter { codeSet & (1 << $0.offset) != 0 }.map(\.element)
        return QuoteRequest(item: cell.item, region: cell.region, channel: cell.channel, instant: instant,
                            user: profile, codes: chosen, redemptions: counters)
    }

    /// Every combination of attribute values, one dictionary each.
    func profiles() -> [[String: UserValue]] {
        var rows: [[String: UserValue]] = [[:]]
        for domain in attributes {
            rows = rows.flatMap { row in
                domain.values.map { value in
                    var next = row
                    next[domain.name] = value
                    return next
                }
            }
        }
        return rows
    }

    static func product(_ factors: [Int]) -> Int {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return Int.max }
            result = next
        }
        return result
    }

    private static func attributes(old: RuleSet, new: RuleSet) -> [AttributeDomain] {
        let reads = ComparedConstants(old).merged(with: ComparedConstants(new))
        let names = Set(old.userAttributes.map(\.name) + new.userAttributes.map(\.name)).sorted()
        var domains: [AttributeDomain] = []
        for name in names {
            let declarations = [new.userAttribute(name), old.userAttribute(name)].compactMap { $0 }
            let same = new.userAttribute(name)?.kind == old.userAttribute(name)?.kind
            guard reads.attributes.contains(name) || !same else { continue }
            var values: [UserValue] = []
            func add(_ value: UserValue) { if !values.contains(value) { values.append(value) } }
            for declaration in declarations {
                switch declaration.kind {
                case .bool:
                    add(.bool(false))
                    add(.bool(true))
                case .oneOf(let names):
                    names.forEach { add(.value($0)) }
                    // A value no side declares is refused; it can differ only when the declarations do.
                    if !same { add(.value("undeclared_value")) }
                case .int(let range):
                    var cuts = reads.ints[name] ?? []
                    if let range { cuts.formUnion([range.lowerBound, range.upperBound]) }
                    UserValueClasses.representatives(cuts, within: Int64.min...Int64.max, fallback: 0).forEach { add(.int($0)) }
                case .date:
                    let cuts = reads.days[name] ?? []
                    for day in UserValueClasses.representatives(cuts, within: UserValueClasses.dayRange, fallback: UserValueClasses.fallbackDay) {
                        let (year, month, dayOfMonth) = CivilTime.date(fromDays: day)
                        if let date = CivilDate(year: year, month: month, day: dayOfMonth) { add(.date(date)) }
                    }
                }
            }
            domains.append(AttributeDomain(name: name, values: values.map { Optional($0) } + [nil]))
        }
        return domains
    }

    private static func counterStates(old: RuleSet, new: RuleSet) -> [[String: Redemptions]] {
        var states: [[String: Redemptions]] = [[:]]
        let limited = (old.promotions + new.promotions).filter { $0.totalLimit != nil || $0.perUserLimit != nil }
        for name in Set(limited.map(\.name)).sorted() {
            let both = limited.filter { $0.name == name }
            let totals = Set([0] + both.compactMap(\.totalLimit)).sorted()
            let perUser = Set([0] + both.compactMap(\.perUserLimit)).sorted()
            var next: [[String: Redemptions]] = []
            for state in states {
                for total in totals {
                    for user in perUser {
                        var grown = state
                        if total != 0 || user != 0 { grown[name] = Redemptions(total: total, perUser: user) }
                        next.append(grown)
                    }
                }
            }
            states = next
        }
        return states
    }
}

/// Why a proof stopped before deciding its claims.
public struct ProofIncomplete: Error, Hashable, Sendable {
    public let reason: String
}
