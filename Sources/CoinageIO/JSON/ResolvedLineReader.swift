import Coinage
import CoinageSyntax

/// Reads a request line straight into a `ResolvedRequest`: the fast path of
/// `quote --batch`, which makes no string, array or dictionary for a line.
///
/// It reads the plain form of a request only: the keys `RequestLineParser` knows,
/// each once; strings without escapes; whole numbers; names, facts, codes and
/// counters the rules take; no `explain`. For any other line it returns nil without
/// a reason, and the caller reads the line with `RequestLineParser` and quotes the
/// `QuoteRequest`: so a refused line gets exactly the message it always got, and a
/// line read here gets the quote the slow path gives (a differential test holds the
/// two to the same output).
///
/// It steps through a line's members in loops, with no closure per member, so the
/// request being read stays in local variables and moves into the resolved request
/// without a copy. A class, so a part of a batch holds its lookups by one reference;
/// it keeps the last `at` it read, so each part makes its own.
package final class ResolvedLineReader {
    private let lookup: RequestLookup
    /// The declared attributes by slot, to read a date fact as the slow path reads it.
    private let attributes: [UserAttribute]

    /// The attributes' names, by slot, and the channels', by slot, when
    /// `ShortNames` can hold them: matched here instead of by a call into the book's
    /// name tables.
    private let userKeys: ShortNames?
    private let channelNames: ShortNames?
    /// The rules' codes (uppercased) when `ShortNames` can hold them and none goes
    /// past ASCII: a request's code is uppercased word by word and matched here.
    private let codeNames: ShortNames?
    /// The regions by their two capitals: nil only for a book whose codes are not
    /// all two capitals, which the checker does not let through.
    private let regionCodes: RegionCodes?
    /// The attributes' kinds and values, to resolve a fact without a call per fact.
    private let userFacts: UserFactTable
    /// How the lines read so far opened each top-level member (numbered by their
    /// key's bit) and each buyer's fact (by slot, when `userKeys` holds the names).
    private let topOpenings = MemberOpenings(memberCount: 9)
    private let userOpenings = MemberOpenings(memberCount: ShortNames.maxNames)
    /// The last `at`, buyer and codes read, and the instant, facts and code numbers
    /// they gave: a line that repeats them byte for byte takes those.
    private let recentAt = RecentValue()
    private let recentUser = RecentValue()
    private let recentCodes = RecentValue()
    /// The days of the dates read before: an `at` of a day read before has only its
    /// time of day read (lines that each carry their own `at` mostly fall on a few days).
    private let recentDays = DayNumbers()

    /// A reader of lines for `book`, made from `rules`; `regionCodes` is the batch's
    /// table when it has one (`BatchQuoter.regionCodes`), else the reader makes its own.
    package init(book: PriceBook, rules: RuleSet, regionCodes: RegionCodes? = nil) {
        lookup = RequestLookup(book)
        attributes = rules.userAttributes
        userKeys = ShortNames(attributes.map { $0.name })
        // Slot 0 is the only slot of rules that declare no channel, and a request
        // naming one takes the slow path, as the book's table holds no name then.
        channelNames = rules.channels.isEmpty ? nil : ShortNames(rules.channels.map { $0.name })
        userFacts = UserFactTable(attributes)
        codeNames = lookup.hasUnicodeCodes ? nil : ShortNames(lookup.codeNames)
        self.regionCodes = regionCodes ?? RegionCodes(rules: rules, lookup: lookup)
    }

    deinit {
        userKeys?.deallocate()
        channelNames?.deallocate()
        codeNames?.deallocate()
        userFacts.deallocate()
        topOpenings.deallocate()
        userOpenings.deallocate()
        recentAt.deallocate()
        recentUser.deallocate()
        recentCodes.deallocate()
    }

    /// The slot of the attribute `key` names.
    @inline(__always)
    private func userSlot(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let userKeys else { return lookup.userSlot(utf8: key) }
        return userKeys.index(of: key)
    }

    /// The index of the region `code` names.
    @inline(__always)
    private func regionIndex(_ code: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let regionCodes else { return lookup.regionIndex(utf8: code) }
        return regionCodes.index(of: code)
    }

    /// The slot of the channel `name` names.
    @inline(__always)
    private func channelSlot(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let channelNames else { return lookup.channelSlot(utf8: name) }
        return channelNames.index(of: name)
    }

    /// The resolved request of `line` against `book` (the book the reader was made
    /// for), or nil for the slow path.
    package func read(_ line: UnsafeBufferPointer<UInt8>, book: PriceBook, now: Int64) -> ResolvedRequest? {
        var request = ResolvedRequest.unresolved
        return read(line, book: book, now: now, into: &request) ? request : nil
    }

    /// `read(_:book:now:)` into `request`, a variable a batch keeps from one line to
    /// the next; false for the slow path (then `request` is as it was).
    package func read(_ line: UnsafeBufferPointer<UInt8>, book: PriceBook, now: Int64, into request: inout ResolvedRequest) -> Bool {
        var cursor = JSONCursor(line)
        var draft = RequestDraft()
        draft.instant = now
        var seen: UInt16 = 0
        var hasItem = false
        cursor.skipByteOrderMark()
        guard cursor.openObject() else { return false }
        var first = true
        var previous: Int?
        while true {
            let bit: UInt16
            if let member = topOpenings.member(after: previous, at: &cursor) {
                first = false
                bit = 1 << UInt16(member)
            } else {
                let start = cursor.offset
                guard let key = cursor.nextKey(first: &first) else { break }
                guard let found = Self.keyBit(key) else { return false }
                bit = found
                topOpenings.record(after: previous, opening: cursor.bytes(since: start), member: bit.trailingZeroBitCount)
            }
            guard seen & bit == 0 else { return false }
            seen |= bit
            previous = bit.trailingZeroBitCount
            switch bit {
            case 1 << 0, 1 << 1:  // bundle, coins
                guard !hasItem else { return false }
                hasItem = true
                if bit == 1 << 0 {
                    guard let name = cursor.plainString(), let index = lookup.bundleIndex(utf8: name) else { return false }
                    draft.bundle = index
                } else {
                    guard let coins = cursor.integer(), coins > 0 else { return false }
                    draft.coins = coins
                }
            case 1 << 2:  // region
                guard let code = cursor.plainString(), let index = regionIndex(code) else { return false }
                draft.region = index
            case 1 << 3:  // channel
                if cursor.literal("null") { continue }
                guard let name = cursor.plainString(), let slot = channelSlot(name) else { return false }
                draft.channel = slot
            case 1 << 4:  // at
                guard let instant = instant(&cursor) else { return false }
                draft.instant = instant
            case 1 << 5: guard user(&cursor, into: &draft) else { return false }
            case 1 << 6: guard codeList(&cursor, into: &draft) else { return false }
            case 1 << 7: guard redemptions(&cursor, into: &draft) else { return false }
            default:  // explain: only `false` stays on the fast path
                guard cursor.literal("false") else { return false }
            }
        }
        guard !cursor.isMalformed, cursor.atEnd, hasItem, draft.region >= 0 else { return false }
        return book.resolved(consume draft, into: &request)
    }

    /// The bit of a top-level key, in `RequestLineParser`'s order, or nil: the key's
    /// bytes as little-endian words against each known key's.
    private static func keyBit(_ key: UnsafeBufferPointer<UInt8>) -> UInt16? {
        guard key.count <= 11 else { return nil }
        switch JSONCursor.words(key) {
        case (0x7461, 0): return 1 << 4  // at
        case (0x7265_7375, 0): return 1 << 5  // user
        case (0x73_6e69_6f63, 0): return 1 << 1  // coins
        case (0x73_6564_6f63, 0): return 1 << 6  // codes
        case (0x656c_646e_7562, 0): return 1 << 0  // bundle
        case (0x6e6f_6967_6572, 0): return 1 << 2  // region
        case (0x6c_656e_6e61_6863, 0): return 1 << 3  // channel
        case (0x6e_6961_6c70_7865, 0): return 1 << 8  // explain
        case (0x6974_706d_6564_6572, 0x73_6e6f): return 1 << 7  // redemptions
        default: return nil
        }
    }

    /// The instant of `at`: the last one read when the line repeats its bytes (the
    /// lines of a batch mostly share one), else parsed and kept.
    @inline(__always)
    private func instant(_ cursor: inout JSONCursor) -> Int64? {
        // Kept with its one entry, the instant; a value kept without one is no instant.
        if let kept = recentAt.repeated(at: &cursor) { return kept.first?.value }
        let start = cursor.offset
        recentAt.startRecording()
        guard let text = cursor.plainString() else { return nil }
        let instant: Int64
        if let known = recentDays.instant(of: text) {
            instant = known
        } else {
            guard let parsed = InstantParser.parse(utf8: text) else { return nil }
            instant = parsed
            recentDays.keep(text, instant: parsed)
        }
        recentAt.record(key: 0, value: instant)
        recentAt.keep(cursor.bytes(since: start))
        return instant
    }

    /// The buyer's facts into `draft`: those of the last buyer read when the line
    /// repeats its bytes, else read (`userFacts`) and kept for the next line.
    @inline(__always)
    private func user(_ cursor: inout JSONCursor, into draft: inout RequestDraft) -> Bool {
        if let facts = recentUser.repeated(at: &cursor) {
            for fact in facts { draft.setUserFact(fact.value, slot: fact.key) }
            return true
        }
        let start = cursor.offset
        recentUser.startRecording()
        guard userFacts(&cursor, into: &draft) else { return false }
        recentUser.keep(cursor.bytes(since: start))
        return true
    }

    /// The codes into `draft`, as `user` takes the buyer's facts.
    @inline(__always)
    private func codeList(_ cursor: inout JSONCursor, into draft: inout RequestDraft) -> Bool {
        if let numbers = recentCodes.repeated(at: &cursor) {
            for number in numbers { draft.addCode(number.key) }
            return true
        }
        let start = cursor.offset
        recentCodes.startRecording()
        guard codes(&cursor, into: &draft) else { return false }
        recentCodes.keep(cursor.bytes(since: start))
        return true
    }

    private func userFacts(_ cursor: inout JSONCursor, into draft: inout RequestDraft) -> Bool {
        var given: UInt64 = 0  // slots seen, the first 64; more attributes take the slow path
        guard cursor.openObject() else { return false }
        var first = true
        var previous: Int?
        while true {
            let slot: Int
            if let member = userOpenings.member(after: previous, at: &cursor) {
                first = false
                slot = member
            } else {
                let start = cursor.offset
                guard let key = cursor.nextKey(first: &first) else { break }
                guard let found = userSlot(key) else { return false }
                slot = found
                if userKeys != nil { userOpenings.record(after: previous, opening: cursor.bytes(since: start), member: slot) }
            }
            guard slot < 64, given & (1 << UInt64(slot)) == 0 else { return false }
            previous = slot
            given |= 1 << UInt64(slot)
            let fact: Int64?
            switch cursor.peek {
            case UInt8(ascii: "t"): fact = cursor.literal("true") ? userFacts.fact(bool: true, slot: slot) : nil
            case UInt8(ascii: "f"): fact = cursor.literal("false") ? userFacts.fact(bool: false, slot: slot) : nil
            case UInt8(ascii: "\""):
                guard let text = cursor.plainString() else { return false }
                if userFacts.kind(slot) == .date {
                    guard case .success(let date) = attributes[slot].read(.text(String(decoding: text, as: UTF8.self))) else { return false }
                    fact = lookup.userFact(date, slot: slot)
                } else {
                    switch userFacts.fact(oneOf: text, slot: slot) {
                    case .fact(let value): fact = value
                    case .refused: fact = nil
                    case .unknown: fact = lookup.userFact(oneOf: text, slot: slot)
                    }
                }
            default: fact = cursor.integer().flatMap { userFacts.fact(int: $0, slot: slot) }
            }
            guard let fact else { return false }
            draft.setUserFact(fact, slot: slot)
            recentUser.record(key: slot, value: fact)
        }
        return !cursor.isMalformed
    }

    private func codes(_ cursor: inout JSONCursor, into draft: inout RequestDraft) -> Bool {
        guard cursor.openArray() else { return false }
        var first = true
        while cursor.nextElement(first: &first) {
            guard let code = cursor.plainString() else { return false }
            if let codeNames, code.count <= JSONCursor.wordBytes {
                // Past ASCII, the slow path reads it; a code the rules lack is skipped.
                let words = JSONCursor.words(code)
                guard (words.0 | words.1) & 0x8080_8080_8080_8080 == 0 else { return false }
                let upper = (NameWords.uppercasedASCII(words.0), NameWords.uppercasedASCII(words.1))
                if let number = codeNames.index(of: upper, count: code.count) {
                    draft.addCode(number)
                    recentCodes.record(key: number, value: 0)
                }
                continue
            }
            guard !code.contains(where: { $0 >= 0x80 }) else { return false }
            if let number = lookup.codeNumber(asciiUTF8: code) {
                draft.addCode(number)
                recentCodes.record(key: number, value: 0)
            } else if lookup.hasUnicodeCodes {
                return false
            }
        }
        return !cursor.isMalformed
    }

    private func redemptions(_ cursor: inout JSONCursor, into draft: inout RequestDraft) -> Bool {
        var given: Set<Int> = []
        guard cursor.openObject() else { return false }
        var first = true
        while let key = cursor.nextKey(first: &first) {
            guard let promotion = lookup.promotionIndex(utf8: key), given.insert(promotion).inserted,
                  let used = counters(&cursor) else { return false }
            draft.setRedemptions(used, promotion: promotion)
        }
        return !cursor.isMalformed
    }

    /// `{"total": N, "user": M}`, either or both, each a count of zero or more.
    private func counters(_ cursor: inout JSONCursor) -> Redemptions? {
        var total: Int64 = 0
        var perUser: Int64 = 0
        var seen: UInt8 = 0
        guard cursor.openObject() else { return nil }
        var first = true
        while let key = cursor.nextKey(first: &first) {
            let bit: UInt8
            switch JSONCursor.words(key) {
            case (0x6c_6174_6f74, 0) where key.count == 5: bit = 1  // total
            case (0x7265_7375, 0) where key.count == 4: bit = 2  // user
            default: return nil
            }
            guard seen & bit == 0, let count = cursor.integer(), count >= 0 else { return nil }
            seen |= bit
            if bit == 1 { total = count } else { perUser = count }
        }
        return cursor.isMalformed ? nil : Redemptions(total: total, perUser: perUser)
    }
}
