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
    /// The coins of a custom amount (0 for a bundle).
    let amount: Int64
    /// When the purchase happens, in seconds since 1970-01-01T00:00:00Z.
    public let instant: Int64
    /// The buyer's facts in the first attribute slots (`UserFacts.inlineSlots`).
    let facts: InlineFacts
    /// The channel's slot: 0 where the rules declare no channel.
    // After the facts: it fills the bytes their last field leaves.
    let channel: Int32
    /// The codes numbered below 64 that the request carries, a bit each.
    let lowCodes: UInt64
    /// What few requests carry (facts past the inline slots, codes from 64 on,
    /// redemption counters), or nil.
    // One optional reference instead of three arrays: a request is then 120 bytes,
    // which the compiler copies inline, and dropping one releases one reference
    // (callgrind: three calls to `swift_release` a quote before).
    let rare: RareRequestParts?

    /// A request that names nothing, to be overwritten: what a reader that resolves
    /// into a variable (`PriceBook.resolved(_:into:)`) starts it with. Its
    /// fingerprint is no book's, so a book refuses it as foreign.
    package static var unresolved: ResolvedRequest {
        ResolvedRequest(rules: 0, item: 0, region: 0, amount: 0, instant: 0, facts: InlineFacts(), channel: 0, lowCodes: 0, rare: nil)
    }

    /// Whether the item is a custom amount.
    public var isCustomAmount: Bool { amount != 0 }

    /// The buyer's facts by attribute slot, all of them: for the tests of a condition
    /// node by node, off the walk's fast path.
    var user: UserFacts { UserFacts(inline: facts, spill: rare?.spilledFacts ?? []) }

    /// Whether the request carries the code numbered `code`.
    @inline(__always)
    func carries(code: Int32) -> Bool {
        code < 64 ? lowCodes & (1 << UInt64(code)) != 0 : rare?.highCodes.contains(code) ?? false
    }

    /// The counters of promotion `index`: none used when the request gives none.
    @inline(__always)
    func redemptions(of index: Int) -> Redemptions {
        if let rare {
            for entry in rare.redemptions where Int(entry.promotion) == index { return entry.used }
        }
        return Redemptions(total: 0, perUser: 0)
    }
}

/// The parts of a resolved request that few requests carry, behind one reference.
final class RareRequestParts: Sendable {
    /// The facts of the attribute slots past `UserFacts.inlineSlots`.
    let spilledFacts: [Int64?]
    /// The codes numbered from 64 on.
    let highCodes: [Int32]
    /// Redemption counters the rules have a promotion for, by walk-order index.
    let redemptions: [(promotion: Int32, used: Redemptions)]

    init(spilledFacts: [Int64?], highCodes: [Int32], redemptions: [(promotion: Int32, used: Redemptions)]) {
        self.spilledFacts = spilledFacts
        self.highCodes = highCodes
        self.redemptions = redemptions
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
        var draft = RequestDraft()
        if !request.user.isEmpty { try resolve(request.user, into: &draft) }
        for given in request.codes {
            if let number = codeNumber(of: given) { draft.addCode(number) }
        }
        for (name, used) in request.redemptions {
            if let index = program.promotionNumbers[name] { draft.setRedemptions(used, promotion: index) }
        }
        return draft.request(rules: fingerprint, item: item, region: r, channel: c, amount: amount, instant: request.instant)
    }

    /// Resolves the buyer's facts to attribute slots, so conditions read integers
    /// instead of hashing names. Facts must be declared and of their declared type;
    /// a value outside a declared `int` range is refused too.
    private func resolve(_ user: [String: UserValue], into draft: inout RequestDraft) throws(QuoteError) {
        for (name, value) in user {
            // A text attribute's fact is asked for only when the others' path fails.
            guard let slot = users.index[name], let fact = users.fact(value, slot: slot) ?? users.slots[slot].textFact(value) else {
                throw invalidUserFact(user)  // the first problem in name order, the same on every run
            }
            draft.setUserFact(fact, slot: slot)
        }
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
