import Coinage

/// The dates of the last days a batch writer wrote, as their `2026-11-28` text, by
/// day number: a batch's instants mostly fall on a few days, in any order, and
/// making a date's text from its day number cost about 300 instructions a line
/// (callgrind, lines that each carry their own instant).
///
/// A day's entry is at its number modulo `slots`, so a batch over a month keeps
/// every day it meets. The entries are in memory of their own; a writer makes one
/// for itself, never shared.
final class DayTexts {
    /// Entries kept: days this many apart share an entry, the later one kept.
    static let slots = 64

    private let entries = DateEntries(count: DayTexts.slots)

    deinit { entries.deallocate() }

    /// Writes the text of `day` (0 or later) at `target`, 10 bytes, when it is kept;
    /// false, with nothing written, otherwise.
    @inline(__always)
    func write(_ day: Int64, to target: UnsafeMutablePointer<UInt8>) -> Bool {
        let slot = Int(truncatingIfNeeded: day) & (Self.slots - 1)
        guard day >= 0, entries.days[slot] == day else { return false }
        let raw = UnsafeMutableRawPointer(target)
        raw.storeBytes(of: entries.heads[slot].littleEndian, as: UInt64.self)
        raw.storeBytes(of: entries.tails[slot].littleEndian, toByteOffset: 8, as: UInt16.self)
        return true
    }

    /// Keeps the 10 bytes at `source` as the text of `day` (0 or later).
    func keep(_ day: Int64, from source: UnsafePointer<UInt8>) {
        guard day >= 0 else { return }
        entries.set(Int(truncatingIfNeeded: day) & (Self.slots - 1), day: day, date: DateEntries.date(at: UnsafeRawPointer(source)))
    }
}

/// The other way round, for a batch reader: the day number of the last dates it
/// read as `2026-11-28T10:00:30Z`, by their text, so the next instant of a day it
/// knows is its time of day read at fixed places (`instant(of:)`).
final class DayNumbers {
    /// Entries kept, by a hash of the date's text.
    static let slots = 64

    private let entries = DateEntries(count: DayNumbers.slots)

    deinit { entries.deallocate() }

    /// The instant `text` spells when it is `YYYY-MM-DDTHH:MM:SSZ` on a day kept
    /// here: the day's seconds and its time, checked as `InstantParser` checks a
    /// time (hour below 24, minute and second below 60); nil otherwise, for the
    /// parser to read.
    @inline(__always)
    func instant(of text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard text.count == 20, let base = text.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let (head, tail) = DateEntries.date(at: raw)
        let slot = Self.slot(head, tail)
        guard entries.days[slot] >= 0, entries.heads[slot] == head, entries.tails[slot] == tail,
              base[10] == UInt8(ascii: "T"), base[13] == UInt8(ascii: ":"), base[16] == UInt8(ascii: ":"),
              base[19] == UInt8(ascii: "Z") else { return nil }
        // The six digits of `HH:MM:SS` at once, each byte less `0` (the colons, checked
        // above, less `:`): a byte below `0` borrows and sets its high bits, one past
        // `9` reaches 16 once 6 is added.
        let time = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 11, as: UInt64.self)) &- 0x3030_3A30_303A_3030
        guard time & 0xF0F0_00F0_F000_F0F0 == 0, (time &+ 0x0606_0006_0600_0606) & 0x1010_0010_1000_1010 == 0 else { return nil }
        let hour = Int64(time & 0xFF) &* 10 &+ Int64(time >> 8 & 0xFF)
        let minute = Int64(time >> 24 & 0xFF) &* 10 &+ Int64(time >> 32 & 0xFF)
        let second = Int64(time >> 48 & 0xFF) &* 10 &+ Int64(time >> 56 & 0xFF)
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return entries.days[slot] &* 86_400 &+ hour &* 3_600 &+ minute &* 60 &+ second
    }

    /// Keeps the date of `text`, which `InstantParser` read as `instant`, when it is
    /// `YYYY-MM-DDTHH:MM:SSZ` (its day is then the instant's).
    func keep(_ text: UnsafeBufferPointer<UInt8>, instant: Int64) {
        guard text.count == 20, instant >= 0, let base = text.baseAddress, base[10] == UInt8(ascii: "T"),
              base[19] == UInt8(ascii: "Z") else { return }
        let date = DateEntries.date(at: UnsafeRawPointer(base))
        entries.set(Self.slot(date.head, date.tail), day: instant / 86_400, date: date)
    }

    @inline(__always)
    private static func slot(_ head: UInt64, _ tail: UInt16) -> Int {
        // The top six bits of the product: a shift binds tighter than `&*`.
        Int(truncatingIfNeeded: ((head ^ UInt64(tail) << 48) &* 0x9E37_79B9_7F4A_7C15) >> 58) & (slots - 1)
    }
}

/// The entries of `DayTexts` and `DayNumbers`: per entry a day (-1 for none) and the
/// 10 bytes of its date's text, `2026-11-28`, as two little-endian words. Each of the
/// two finds its entries its own way; the owner deallocates them.
struct DateEntries {
    let days: UnsafeMutablePointer<Int64>
    let heads: UnsafeMutablePointer<UInt64>
    let tails: UnsafeMutablePointer<UInt16>

    init(count: Int) {
        days = .filled(with: -1, count: count)
        heads = .filled(with: 0, count: count)
        tails = .filled(with: 0, count: count)
    }

    func deallocate() {
        days.deallocate()
        heads.deallocate()
        tails.deallocate()
    }

    /// The 10 bytes of a date's text at `raw`, as the entries hold them.
    @inline(__always)
    static func date(at raw: UnsafeRawPointer) -> (head: UInt64, tail: UInt16) {
        (UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)),
         UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
    }

    /// Makes entry `slot` the date `date` of `day`.
    @inline(__always)
    func set(_ slot: Int, day: Int64, date: (head: UInt64, tail: UInt16)) {
        days[slot] = day
        heads[slot] = date.head
        tails[slot] = date.tail
    }
}
