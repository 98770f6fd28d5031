import CoinageChecker
import CoinageSyntax

/// A request being read straight into indices, for readers of request bytes in the
/// package (`quote --batch`): each part is looked up as it is read, with the lookups
/// below, and `PriceBook.resolved(_:into:)` makes the resolved request of the whole.
/// `PriceBook.resolve` of a `QuoteRequest` records the buyer's facts, codes and
/// counters here too, so both make a resolved request the same way (`request`).
///
/// It takes the plain case only: a reader that meets anything else (a name the
/// rules lack, a fact that does not fit) reads the line the slow way, as a
/// `QuoteRequest`, so every refusal keeps its one wording.
package struct RequestDraft {
    /// A bundle's index, or -1 for a custom amount.
    package var bundle = -1
    /// The coins of a custom amount.
    package var coins: Int64 = 0
    package var region = -1
    /// The channel's slot, or nil when the request names none.
    package var channel: Int?
    package var instant: Int64 = 0
    /// The buyer's facts in the first attribute slots.
    var facts = InlineFacts()
    /// The codes numbered below 64, a bit each.
    var lowCodes: UInt64 = 0
    /// Facts past the inline slots, codes from 64 on and redemption counters: nil
    /// until the request carries one, so a draft of the common request holds no array.
    var rare: RarePartsDraft?

    package init() {}

    /// Records a buyer's fact: the integer a `PriceBook.userFact` lookup gave.
    // The rare case out of line, so the common one stays a few instructions, and
    // inlined into the engine's resolve (14 instructions a request, callgrind).
    @inline(__always)
    package mutating func setUserFact(_ fact: Int64, slot: Int) {
        if slot >= 0, slot < InlineFacts.slots {
            facts.set(fact, slot: slot)
        } else {
            setRareFact(fact, slot: slot)
        }
    }

    @inline(never)
    private mutating func setRareFact(_ fact: Int64, slot: Int) {
        guard slot >= 0 else { return }
        rare = rare ?? RarePartsDraft()
        rare?.user.set(fact, slot: slot)
    }

    /// Records a code by its number (`PriceBook.codeNumber(utf8:)`).
    package mutating func addCode(_ number: Int) {
        if number >= 0, number < 64 {
            lowCodes |= 1 << UInt64(truncatingIfNeeded: number)
        } else {
            addRareCode(number)
        }
    }

    @inline(never)
    private mutating func addRareCode(_ number: Int) {
        let code = Int32(truncatingIfNeeded: number)
        rare = rare ?? RarePartsDraft()
        if rare?.highCodes.contains(code) == false { rare?.highCodes.append(code) }
    }

    /// Records the counters of promotion `index` (`PriceBook.promotionIndex(utf8:)`).
    package mutating func setRedemptions(_ used: Redemptions, promotion index: Int) {
        rare = rare ?? RarePartsDraft()
        rare?.redemptions.append((Int32(truncatingIfNeeded: index), used))
    }

    /// The resolved request of the buyer, codes and counters recorded here, for an
    /// item, region, channel and instant already resolved and checked: the one place
    /// both readers (`PriceBook.resolve` and `resolved(_:into:)`) make one.
    func request(rules: UInt64, item: Int, region: Int, channel: Int, amount: Int64, instant: Int64) -> ResolvedRequest {
        ResolvedRequest(rules: rules, item: Int32(truncatingIfNeeded: item), region: Int32(truncatingIfNeeded: region), amount: amount,
                        instant: instant, facts: facts, channel: Int32(truncatingIfNeeded: channel), lowCodes: lowCodes,
                        rare: rare.map { RareRequestParts(spilledFacts: $0.user.spill, highCodes: $0.highCodes, redemptions: $0.redemptions) })
    }
}

/// The parts of a draft that few requests carry (`RareRequestParts`), as they are read.
struct RarePartsDraft {
    /// Only the slots past the inline ones are set here.
    var user = UserFacts()
    /// The codes numbered from 64 on, each once.
    var highCodes: [Int32] = []
    var redemptions: [(promotion: Int32, used: Redemptions)] = []
}

extension PriceBook {
    /// The resolved request of a draft, or nil where `resolve(_:)` would refuse the
    /// request (a missing channel, an instant outside the covered years, an amount no
    /// custom amount sells): the reader then reads the line again as a `QuoteRequest`
    /// for the refusal's message.
    ///
    /// Written into `request` (a variable the caller keeps from one line to the
    /// next), false where it would be nil: a returned optional was copied out of
    /// twice (callgrind).
    package func resolved(_ draft: consuming RequestDraft, into request: inout ResolvedRequest) -> Bool {
        guard brokenInvariant == nil, draft.region >= 0, QuoteRequest.coveredInstants.contains(draft.instant) else { return false }
        let channel: Int
        if let given = draft.channel {
            channel = given
        } else {
            guard !channels.declared else { return false }
            channel = 0
        }
        let item: Int
        if draft.bundle >= 0 {
            item = draft.bundle
        } else {
            guard let (custom, _) = try? customAmountPrice(draft.coins, region: draft.region, channel: channel) else { return false }
            item = names.bundleCount + custom
        }
        request = draft.request(rules: fingerprint, item: item, region: draft.region, channel: channel,
                                amount: draft.bundle >= 0 ? 0 : draft.coins, instant: draft.instant)
        return true
    }
}

/// The names a reader of request bytes looks up, by their UTF-8 bytes: a price
/// book's tables behind one reference, so a reader's every lookup reads them in place
/// instead of copying the price book.
package final class RequestLookup: Sendable {
    private let bundles: NameTable
    private let regions: NameTable
    private let channels: NameTable
    private let users: UserSlots
    private let codes: NameTable
    private let promotions: NameTable

    package init(_ book: PriceBook) {
        bundles = book.names.bundles
        regions = book.names.regions
        channels = book.names.channels
        users = book.users
        codes = book.program.codeNumbers
        promotions = book.program.promotionNumbers
        hasUnicodeCodes = book.program.hasUnicodeCodes
        codeNames = book.program.distinctCodes
    }

    /// The rules' codes, uppercased, by their number (`codeNumber(asciiUTF8:)`).
    package let codeNames: [String]

    /// The index of the bundle `utf8` names.
    package func bundleIndex(utf8: UnsafeBufferPointer<UInt8>) -> Int? { bundles.index(utf8: utf8) }

    /// The index of the region `utf8` names.
    package func regionIndex(utf8: UnsafeBufferPointer<UInt8>) -> Int? { regions.index(utf8: utf8) }

    /// The slot of the channel `utf8` names; nil where the rules declare no channel.
    package func channelSlot(utf8: UnsafeBufferPointer<UInt8>) -> Int? { channels.index(utf8: utf8) }

    /// The slot of the user attribute `utf8` names.
    package func userSlot(utf8: UnsafeBufferPointer<UInt8>) -> Int? { users.index.index(utf8: utf8) }

    /// Whether attribute `slot` is a date: its facts are read from text.
    package func userSlotIsDate(_ slot: Int) -> Bool { users.slots[slot].kind == .date }

    /// The fact `value` gives attribute `slot`, or nil when it does not fit.
    package func userFact(_ value: UserValue, slot: Int) -> Int64? { users.fact(value, slot: slot) ?? users.slots[slot].textFact(value) }

    /// The fact `flag` gives attribute `slot`: what `userFact(.bool(flag), slot:)`
    /// gives (`UserSlot.resolve`, then `textFact`), read field by field: a call of
    /// the slot's methods retains and releases the slot on every fact (callgrind:
    /// about 40 instructions a fact).
    package func userFact(bool flag: Bool, slot: Int) -> Int64? {
        users.slots[slot].kind == .bool ? (flag ? 1 : 0) : nil
    }

    /// The fact `number` gives attribute `slot`: what `userFact(.int(number), slot:)`
    /// gives, read field by field as `userFact(bool:slot:)` is.
    package func userFact(int number: Int64, slot: Int) -> Int64? {
        switch users.slots[slot].kind {
        case .int: number >= users.slots[slot].lowest && number <= users.slots[slot].highest ? number : nil
        case .text: 0
        default: nil
        }
    }

    /// The fact of the `one of` value `utf8` names (0 for any text of a `text`
    /// attribute), or nil when attribute `slot` has no such value.
    package func userFact(oneOf utf8: UnsafeBufferPointer<UInt8>, slot: Int) -> Int64? {
        // Read in place: a copy of the slot would retain each of its table's arrays.
        guard users.slots[slot].kind == .oneOf, let index = users.slots[slot].values.index(utf8: utf8) else {
            return users.slots[slot].kind == .text ? 0 : nil
        }
        return Int64(index)
    }

    /// The number of the rules' code `utf8` spells in any case, when it is ASCII;
    /// nil for no code (or for text beyond ASCII, which `resolve(_:)` matches).
    package func codeNumber(asciiUTF8 utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        codes.index(uppercasingASCII: utf8)
    }

    /// Whether a request's ASCII code that `codeNumber(asciiUTF8:)` misses may still
    /// match a code of the rules beyond ASCII (the Kelvin sign and `K`).
    package let hasUnicodeCodes: Bool

    /// The walk-order index of the promotion `utf8` names.
    package func promotionIndex(utf8: UnsafeBufferPointer<UInt8>) -> Int? { promotions.index(utf8: utf8) }
}
