import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// Every class of request that two rule sets can tell apart, one request per class:
/// the joint classes `coinage diff --prove` quotes on both sides.
///
/// - cells: every bundle × region × channel of either side, and every class of
///   custom amounts (`CustomAmountClasses`) in each region and channel that sells
///   one, quoted at its first amount (`amountRanges` holds the class);
/// - per cell, only what the promotions the cell can consider on either side read
///   (`PriceBook.candidateNames`: the walk looks at no other):
///   - user attributes their conditions read, and every attribute whose
///     declaration differs between the sides, with one value per class that the
///     comparisons and declared ranges cut (`UserValueClasses.representatives`),
///     every declared `one of` value, and "not carried";
///   - instants: one per class of `ProofInstants`, over their windows and hours;
///   - codes: every subset of their codes;
///   - redemption counters: per limited promotion, zero and each side's limit,
///     total and per user.
public struct ProofSpace: Sendable {
    /// What one cell's requests vary in.
    public struct Slice: Sendable {
        /// The attributes read, before profiles alike are merged.
        public let attributes: [AttributeDomain]
        /// One buyer per class (`ProofProfiles`).
        public let profiles: [[String: UserValue]]
        public let instants: [Int64]
        public let codes: [String]
        public let counterStates: [[String: Redemptions]]

        public var profileCount: Int { profiles.count }
        public var codeSetCount: Int { codes.count >= 62 ? Int.max : 1 << codes.count }
        public var requestCount: Int { ProofSpace.product([profileCount, instants.count, codeSetCount, counterStates.count]) }
    }

    public let cells: [QuoteCorpus.QuotedCell]
    /// Per cell, its slice in `slices`.
    public let sliceOfCell: [Int]
    public let slices: [Slice]
    /// Per cell, the class of amounts its custom amount stands for (nil for a bundle).
    public let amountRanges: [ClosedRange<Int64>?]
    /// Why some place's custom amounts are not in `cells` (too many classes), or nil:
    /// a claim that nothing else disproves is then incomplete.
    public let amountGap: String?
    /// How many of `cells` are classes of custom amounts.
    public var customCells: Int { amountRanges.count { $0 != nil } }

    /// Requests in all (saturating at `Int.max`).
    public var requestCount: Int {
        var total = 0
        for slice in sliceOfCell {
            let (sum, overflow) = total.addingReportingOverflow(slices[slice].requestCount)
            total = overflow ? Int.max : sum
        }
        return total
    }

    /// The space, or why it could not be built within `instantLimit`.
    init(old: ComparedRules, new: ComparedRules, instantLimit: Int, profileLimit: Int,
         reference: Int64) throws(ProofIncomplete) {
        let corpus = QuoteCorpus(old: old.rules, new: new.rules, at: QuoteRequest.coveredInstants.lowerBound,
                                 limits: CorpusLimits(profiles: 1, requests: 1))
        (cells, amountRanges, amountGap) = Self.amountClasses(corpus.cells, old: old, new: new)
        let domains = Self.attributes(old: old.rules, new: new.rules)
        let alwaysRead = Set(domains.filter(\.declarationsDiffer).map(\.domain.name))
        var byKey: [String: Int] = [:]
        var slices: [Slice] = []
        var instantsOfZones: [String: [Int64]] = [:]
        var sliceOfCell: [Int] = []
        // Cells of one item, region and channel on each side (a class of amounts and
        // the next) share their slice without building their names again.
        var sliceOfPlace: [String: Int] = [:]
        for cell in cells {
            let place = cell.region + "|" + old.book.candidateKey(item: cell.item, region: cell.region, channel: cell.channel)
                + "|" + new.book.candidateKey(item: cell.item, region: cell.region, channel: cell.channel)
            if let known = sliceOfPlace[place] {
                sliceOfCell.append(known)
                continue
            }
            defer { sliceOfPlace[place] = sliceOfCell.last }
            let oldNames = old.book.candidateNames(item: cell.item, region: cell.region, channel: cell.channel) ?? []
            let newNames = new.book.candidateNames(item: cell.item, region: cell.region, channel: cell.channel) ?? []
            let promotions = oldNames.compactMap(old.rules.promotion) + newNames.compactMap(new.rules.promotion)
            // Each side's own list: a name listed on one side only is another slice.
            let key = cell.region + "|" + oldNames.sorted().joined(separator: ",") + "|" + newNames.sorted().joined(separator: ",")
            if let known = byKey[key] {
                sliceOfCell.append(known)
                continue
            }
            var read = alwaysRead
            for promotion in promotions { if let condition = promotion.condition { Self.attributesRead(condition, into: &read) } }
            // Instants depend on the region only through its zone on each side, and on
            // the promotions only through those with a window or hours.
            let timed = Set(promotions.filter { $0.window != nil || $0.weekly != nil }.map(\.name))
            let zones = (old.rules.region(cell.region)?.zone ?? "UTC") + "|" + (new.rules.region(cell.region)?.zone ?? "UTC")
                + "|" + timed.sorted().joined(separator: ",")
            let instants: [Int64]
            if let known = instantsOfZones[zones] {
                instants = known
            } else {
                guard let found = ProofInstants.instants(region: cell.region, old: old.rules, new: new.rules,
                                                         promotions: timed, limit: instantLimit, reference: reference) else {
                    throw ProofIncomplete(reason: "instants: the windows and weekly hours of region `\(cell.region)` change more than \(instantLimit) times")
                }
                instants = found
                instantsOfZones[zones] = found
            }
            let attributes = domains.map(\.domain).filter { read.contains($0.name) }
            let combinations = Self.product(attributes.map(\.values.count))
            guard combinations <= profileLimit else {
                throw ProofIncomplete(reason: "user profiles: \(combinations == Int.max ? "more than \(Int.max)" : String(combinations)) combinations of \(attributes.map(\.name).joined(separator: ", ")) for \(ChangeProof.cellText(cell)), more than the budget of \(profileLimit)")
            }
            let profiles = ProofProfiles.representatives(Self.profiles(attributes),
                                                         conditions: promotions.compactMap(\.condition), old: old.rules, new: new.rules)
            let slice = Slice(attributes: attributes, profiles: profiles, instants: instants,
                              codes: Set(promotions.compactMap(\.code)).sorted(),
                              counterStates: Self.counterStates(promotions))
            byKey[key] = slices.count
            sliceOfCell.append(slices.count)
            slices.append(slice)
        }
        self.slices = slices
        self.sliceOfCell = sliceOfCell
    }

    /// The corpus's cells with the classes of custom amounts in place of its chosen
    /// amounts, in each region and channel it has them, and each cell's class.
    private static func amountClasses(_ corpusCells: [QuoteCorpus.QuotedCell], old: ComparedRules, new: ComparedRules)
        -> ([QuoteCorpus.QuotedCell], [ClosedRange<Int64>?], String?) {
        var cells: [QuoteCorpus.QuotedCell] = []
        var ranges: [ClosedRange<Int64>?] = []
        var gap: String?
        var searched: [CustomAmountClasses.SearchKey: Int64?] = [:]
        var done = Set<String>()
        for cell in corpusCells {
            guard case .coins = cell.item else {
                cells.append(cell)
                ranges.append(nil)
                continue
            }
            guard done.insert(cell.region + "|" + (cell.channel ?? "")).inserted else { continue }
            switch CustomAmountClasses.ranges(region: cell.region, channel: cell.channel, old: old, new: new, searched: &searched) {
            case .success(let classes):
                for range in classes {
                    cells.append(QuoteCorpus.QuotedCell(item: .coins(range.lowerBound), region: cell.region, channel: cell.channel))
                    ranges.append(range)
                }
            case .failure(let count):
                let place = "`\(cell.region)`" + (cell.channel.map { " on `\($0)`" } ?? "")
                gap = gap ?? "custom amounts: the `coins` and `list` constants cut the amounts in \(place) into up to \(count.value) classes, more than the limit of \(CustomAmountClasses.maximumClassesPerPlace); they are not proven there; every bundle request is proven"
            }
        }
        return (cells, ranges, gap)
    }

    /// The slice of cell number `index`.
    func slice(ofCell index: Int) -> Slice { slices[sliceOfCell[index]] }

    /// The request of one class.
    static func request(cell: QuoteCorpus.QuotedCell, slice: Slice, profile: [String: UserValue], instant: Int64,
                        codeSet: Int, counters: [String: Redemptions]) -> QuoteRequest {
        let chosen = slice.codes.enumerated().filter { codeSet & (1 << $0.offset) != 0 }.map(\.element)
        return QuoteRequest(item: cell.item, region: cell.region, channel: cell.channel, instant: instant,
                            user: profile, codes: chosen, redemptions: counters)
    }

    /// Every combination of attribute values, one dictionary each.
    static func profiles(_ attributes: [AttributeDomain]) -> [[String: UserValue]] {
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

    private static func attributesRead(_ condition: Condition, into names: inout Set<String>) {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b):
            attributesRead(a, into: &names)
            attributesRead(b, into: &names)
        case .not(let a):
            attributesRead(a, into: &names)
        case .userBool(let name, _), .userValue(let name, _), .userValueExcluded(let name, _), .userInt(let name, _, _),
             .userDate(let name, _, _):
            names.insert(name)
        case .coins, .bundle, .region, .channel, .currency, .list:
            break
        }
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

    private static func attributes(old: RuleSet, new: RuleSet) -> [(domain: AttributeDomain, declarationsDiffer: Bool)] {
        let reads = ComparedConstants(old).merged(with: ComparedConstants(new))
        let names = Set(old.userAttributes.map(\.name) + new.userAttributes.map(\.name)).sorted()
        var domains: [(domain: AttributeDomain, declarationsDiffer: Bool)] = []
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
                case .text:
                    // No condition compares it: one text stands for all (and for a
                    // value the other side's `one of` does not declare).
                    add(.value("id_1"))
                }
            }
            domains.append((AttributeDomain(name: name, values: values.map { Optional($0) } + [nil]), !same))
        }
        return domains
    }

    private static func counterStates(_ promotions: [Promotion]) -> [[String: Redemptions]] {
        var states: [[String: Redemptions]] = [[:]]
        let limited = promotions.filter { $0.totalLimit != nil || $0.perUserLimit != nil }
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
