import CoinageChecker
import CoinageSyntax

/// A quote request with its names resolved against one rule set: indices, slots and
/// bits instead of strings and dictionaries, so quoting it is integer work.
///
/// `PriceBook.resolve(_:)` makes one and refuses a request the way `quote(_:)` does
/// (unknown names, facts that do not fit, an amount no custom amount sells);
/// `PriceBook.quote(_:)` of a resolved request then refuses only what the quote
/// itself finds (an overflow). A caller that quotes the same kind of request many
/// times, a service or a batch, resolves once per request and keeps the strings out
/// of the hot path.
///
/// A resolved request belongs to the rules it was resolved against: a book of other
/// rules refuses it (`internal`), since its indices would name other things.
public struct ResolvedRequest: Sendable {
    /// The fingerprint of the rules it was resolved against (`PriceBook.fingerprint`).
    let rules: UInt64
    /// The item's index: bundles first, then custom amounts.
    let item: Int32
    let region: Int32
    /// The channel's slot: 0 where the rules declare no channel.
    let channel: Int32
    /// The coins of a custom amount (0 for a bundle).
    let amount: Int64
    /// When the purchase happens, in seconds since 1970-01-01T00:00:00Z.
    public let instant: Int64
    /// The buyer's facts by attribute slot.
    let user: UserFacts
    /// The promotion codes the request carries, by their number in the rules.
    let codes: CodeSet
    /// Redemption counters the rules have a promotion for, by walk-order index.
    let redemptions: [(promotion: Int32, used: Redemptions)]

    /// A request that names nothing, to be overwritten: what a reader that resolves
    /// into a variable (`PriceBook.resolved(_:into:)`) starts it with. Its
    /// fingerprint is no book's, so a book refuses it as foreign.
    package static var unresolved: ResolvedRequest {
        ResolvedRequest(rules: 0, item: 0, region: 0, channel: 0, amount: 0, instant: 0, user: UserFacts(), codes: CodeSet(), redemptions: [])
    }

    /// Whether the item is a custom amount.
    public var isCustomAmount: Bool { amount != 0 }

    /// The counters of promotion `index`: none used when the request gives none.
    @inline(__always)
    func redemptions(of index: Int) -> Redemptions {
        for entry in redemptions where Int(entry.promotion) == index { return entry.used }
        return Redemptions(total: 0, perUser: 0)
    }
}

/// The promotion codes a request carries, as a set of code numbers: the first 64
/// in one word, the rest listed.
struct CodeSet: Sendable {
    private var low: UInt64 = 0
    private var high: [Int32] = []

    init() {}

    @inline(__always)
    func contains(_ code: Int32) -> Bool {
        code < 64 ? low & (1 << UInt64(code)) != 0 : high.contains(code)
    }

    mutating func insert(_ code: Int32) {
        if code < 64 { low |= 1 << UInt64(code) } else if !high.contains(code) { high.append(code) }
    }
}

extension PriceBook {
    /// Resolves a request against this book's rules, or refuses it with the error
    /// `quote(_:)` would give, checked in the same order: the region, the channel,
    /// the instant, the item, then the buyer's facts.
    public func resolve(_ request: QuoteRequest) -> Result<ResolvedRequest, QuoteError> {
        do throws(QuoteError) {
            return .success(try resolved(request))
        } catch {
            return .failure(error)
        }
    }

    @inline(__always)
    func resolved(_ request: QuoteRequest) throws(QuoteError) -> ResolvedRequest {
        if let broken = brokenInvariant { throw internalError(broken) }
        guard let r = names.regions[request.region] else { throw unknownRegion(request.region) }
        guard let c = channelSlotIndex(request.channel) else { throw channelRefusal(request.channel) }
        // Checked before any calendar arithmetic: the zone tables cover these years only.
        guard QuoteRequest.coveredInstants.contains(request.instant) else { throw instantOutOfRange(request.instant) }
        let item: Int
        var amount: Int64 = 0
        switch request.item {
        case .bundle(let name):
            guard let b = names.bundles[name] else { throw unknownBundle(name) }
            item = b
        case .coins(let coins):
            // Priced here only to refuse it as the quote would; the quote prices it again.
            item = names.bundleCount + (try customAmountPrice(coins, region: r, channel: c)).index
            amount = coins
        }
        let user = request.user.isEmpty ? UserFacts() : try resolve(request.user)
        var codes = CodeSet()
        for given in request.codes {
            if let number = codeNumber(of: given) { codes.insert(Int32(truncatingIfNeeded: number)) }
        }
        var redemptions: [(promotion: Int32, used: Redemptions)] = []
        for (name, used) in request.redemptions {
            if let index = program.promotionNumbers[name] { redemptions.append((Int32(truncatingIfNeeded: index), used)) }
        }
        return ResolvedRequest(rules: fingerprint, item: Int32(truncatingIfNeeded: item), region: Int32(truncatingIfNeeded: r),
                               channel: Int32(truncatingIfNeeded: c), amount: amount, instant: request.instant, user: user,
                               codes: codes, redemptions: redemptions)
    }

    /// Resolves the buyer's facts to attribute slots, so conditions read integers
    /// instead of hashing names. Facts must be declared and of their declared type;
    /// a value outside a declared `int` range is refused too.
    private func resolve(_ user: [String: UserValue]) throws(QuoteError) -> UserFacts {
        var resolved = UserFacts()
        for (name, value) in user {
            // A text attribute's fact is asked for only when the others' path fails.
            guard let slot = users.index[name], let fact = users.fact(value, slot: slot) ?? users.slots[slot].textFact(value) else {
                throw invalidUserFact(user)  // the first problem in name order, the same on every run
            }
            resolved.set(fact, slot: slot)
        }
        return resolved
    }

    /// The number of the rules' code a request's code matches, in any case, or nil.
    ///
    /// Matches as `PriceBook.carries(code:_:)` does: the request's code uppercased
    /// equals the rule's. A code is looked up as given, then uppercased in ASCII; one
    /// the table misses, where either side goes beyond ASCII, is compared with each
    /// code as Swift compares strings, so a composed and a decomposed accent still
    /// match, and so do `K` and the Kelvin sign.
    // On the book, not the program: a call on the program from the quote path
    // copied all of it (361 bytes) onto the stack first (callgrind: about 40
    // instructions a request with codes).
    func codeNumber(of given: String) -> Int? {
        // As given first: a request mostly carries a code as the shop prints it.
        if let number = program.codeNumbers[given] { return number }
        var text = given
        let (found, ascii) = text.withUTF8 { bytes in
            (program.codeNumbers.index(uppercasingASCII: bytes), !bytes.contains { $0 >= 0x80 })
        }
        if ascii, found != nil || !program.hasUnicodeCodes { return found }
        let upper = given.uppercased()
        return program.codeNumbers[upper] ?? program.distinctCodes.firstIndex(of: upper)
    }

    /// The index of the requested channel among the price book's channel slots, or
    /// nil when the request must be refused for its channel.
    @inline(__always)
    func channelSlotIndex(_ name: String?) -> Int? {
        guard let name else { return channels.declared ? nil : 0 }
        return names.channels[name]
    }
}
