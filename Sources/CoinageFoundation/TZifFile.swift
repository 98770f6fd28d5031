import Coinage

/// A zone as a TZif file (RFC 8536) describes it: the UTC offsets it lists
/// transition by transition, and the POSIX rule of its footer that carries them on.
///
/// Only offsets are kept: abbreviations and the daylight-saving flag are no part of
/// what `TimeZoneDatabase` answers. Immutable once read, so loaded zones are shared
/// between threads.
struct TZifFile: Sendable {
    /// Instants (UTC seconds) of the listed transitions, strictly ascending.
    let transitions: [Int64]
    /// `offsetsAfter[i]` is in force from `transitions[i]` on.
    let offsetsAfter: [Int32]
    /// In force before the first transition: time type 0, as RFC 8536 says.
    let initialOffset: Int32
    /// In force after the last transition (or always, without transitions); nil
    /// when the file has no footer or an empty one, and the last offset lasts.
    let rule: PosixTimeZoneRule?

    /// Larger than any zone's file by far (the largest are under 4 kB); a file past
    /// it is not a zone, and reading it would cost for nothing.
    static let maximumSize = 1 << 20

    /// A zone that keeps one offset, such as UTC.
    init(fixedOffset: Int32) {
        transitions = []
        offsetsAfter = []
        initialOffset = fixedOffset
        rule = nil
    }

    /// True when `bytes` begin as every TZif file does: the name of the format is the
    /// cheapest way to tell zones from the other files in the database directory.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0..<4].elementsEqual("TZif".utf8)
    }

    /// The offset in seconds east of UTC in force at `instant`.
    func offset(at instant: Int64) -> Int32 {
        guard let last = transitions.last else { return rule?.offset(at: instant) ?? initialOffset }
        if instant > last, let rule { return rule.offset(at: instant) }
        let listed = transitionCount(atOrBefore: instant)
        return listed == 0 ? initialOffset : offsetsAfter[listed - 1]
    }

    /// The offset at `start`, then every change of offset strictly between `start`
    /// and `end`. A transition that keeps the offset (only the abbreviation or the
    /// daylight-saving flag changes) is left out.
    func offsets(from start: Int64, to end: Int64) -> ZoneOffsets {
        var changes: [Int64] = []
        var offsets = [offset(at: start)]
        func record(_ instant: Int64, _ offset: Int32) {
            guard offset != offsets.last else { return }
            changes.append(instant)
            offsets.append(offset)
        }
        var index = transitionCount(atOrBefore: start)
        while index < transitions.count, transitions[index] < end {
            record(transitions[index], offsetsAfter[index])
            index += 1
        }
        if let rule {
            // The rule takes over strictly after the last listed transition.
            let ruleStart = max(start, transitions.last ?? start)
            for change in rule.changes(after: ruleStart, before: end) { record(change.instant, change.offset) }
        }
        return ZoneOffsets(transitions: changes, offsets: offsets)
    }

    /// How many listed transitions happen at or before `instant`.
    private func transitionCount(atOrBefore instant: Int64) -> Int {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension TZifFile {
    /// Reads a TZif file; nil for anything RFC 8536 does not allow, a file cut
    /// short, one with leap seconds, or one larger than `maximumSize`.
    ///
    /// Version 1 files hold 32-bit times only; later versions repeat the data with
    /// 64-bit times after the first block, and end with the footer's rule.
    init?(bytes: [UInt8]) {
        guard bytes.count <= Self.maximumSize, let header = TZifHeader(bytes, at: 0) else { return nil }
        let firstBlockEnd = TZifHeader.size + header.dataSize(timeSize: 4)
        guard firstBlockEnd <= bytes.count else { return nil }
        guard header.version != 0 else {
            self.init(bytes, header: header, dataAt: TZifHeader.size, timeSize: 4, rule: nil)
            return
        }
        guard let secondHeader = TZifHeader(bytes, at: firstBlockEnd) else { return nil }
        let dataStart = firstBlockEnd + TZifHeader.size
        let footerStart = dataStart + secondHeader.dataSize(timeSize: 8)
        // The footer is the rule between two newlines; an empty one means none.
        guard footerStart < bytes.count, bytes[footerStart] == UInt8(ascii: "\n"),
              let footerEnd = bytes[(footerStart + 1)...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let footer = bytes[(footerStart + 1)..<footerEnd]
        var rule: PosixTimeZoneRule?
        if !footer.isEmpty {
            guard let parsed = PosixTimeZoneRule(String(decoding: footer, as: UTF8.self)) else { return nil }
            rule = parsed
        }
        self.init(bytes, header: secondHeader, dataAt: dataStart, timeSize: 8, rule: rule)
    }

    /// Reads a data block whose whole extent the caller has checked lies in `bytes`.
    private init?(_ bytes: [UInt8], header: TZifHeader, dataAt start: Int, timeSize: Int, rule: PosixTimeZoneRule?) {
        var cursor = start
        var transitions: [Int64] = []
        transitions.reserveCapacity(header.transitionCount)
        for _ in 0..<header.transitionCount {
            let instant = Self.signedInteger(bytes, at: cursor, size: timeSize)
            guard instant > transitions.last ?? Int64.min else { return nil }
            transitions.append(instant)
            cursor += timeSize
        }
        let typeIndices = bytes[cursor..<(cursor + header.transitionCount)]
        cursor += header.transitionCount
        var typeOffsets: [Int32] = []
        for _ in 0..<header.typeCount {
            let offset = Self.signedInteger(bytes, at: cursor, size: 4)
            let isDaylight = bytes[cursor + 4]
            let abbreviationIndex = Int(bytes[cursor + 5])
            // -2^31 is the one offset RFC 8536 forbids: its negation overflows.
            guard offset != Int64(Int32.min), isDaylight <= 1, abbreviationIndex < header.characterCount else { return nil }
            typeOffsets.append(Int32(truncatingIfNeeded: offset))
            cursor += 6
        }
        guard typeIndices.allSatisfy({ Int($0) < typeOffsets.count }) else { return nil }
        self.transitions = transitions
        self.offsetsAfter = typeIndices.map { typeOffsets[Int($0)] }
        self.initialOffset = typeOffsets[0]
        self.rule = rule
    }

    /// A big-endian two's-complement integer of 4 or 8 bytes.
    private static func signedInteger(_ bytes: [UInt8], at start: Int, size: Int) -> Int64 {
        var value: UInt64 = 0
        for byte in bytes[start..<(start + size)] { value = value << 8 | UInt64(byte) }
        return size == 4 ? Int64(Int32(truncatingIfNeeded: value)) : Int64(bitPattern: value)
    }
}

/// The 44 bytes before each data block: the magic, the version and six counts.
private struct TZifHeader {
    static let size = 44

    /// 0 for version 1, else the version's digit (`"2"`, `"3"`, `"4"`).
    let version: UInt8
    let utcIndicatorCount: Int
    let standardIndicatorCount: Int
    let leapSecondCount: Int
    let transitionCount: Int
    let typeCount: Int
    let characterCount: Int

    /// Reads and checks a header; the counts are checked against the file's size by
    /// `dataSize`'s caller.
    init?(_ bytes: [UInt8], at start: Int) {
        guard start + Self.size <= bytes.count, TZifFile.hasMagic(Array(bytes[start..<(start + 4)])) else { return nil }
        // Each counted item takes a byte or more, so a count past the size limit is
        // corrupt; capping it keeps `dataSize` from overflowing a 32-bit `Int`.
        var counts: [Int] = []
        for index in 0..<6 {
            let offset = start + 20 + index * 4
            let value = bytes[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard value <= UInt32(TZifFile.maximumSize) else { return nil }
            counts.append(Int(value))
        }
        func count(_ index: Int) -> Int { counts[index] }
        version = bytes[start + 4]
        utcIndicatorCount = count(0)
        standardIndicatorCount = count(1)
        leapSecondCount = count(2)
        transitionCount = count(3)
        typeCount = count(4)
        characterCount = count(5)
        // A file with leap seconds (the `right/` zones) counts them in its instants,
        // which quoting's instants do not: read as UTC, it would be off by half a minute.
        guard version == 0 || version >= UInt8(ascii: "2"), typeCount >= 1, characterCount >= 1,
              leapSecondCount == 0, utcIndicatorCount == 0 || utcIndicatorCount == typeCount,
              standardIndicatorCount == 0 || standardIndicatorCount == typeCount else { return nil }
    }

    /// The bytes of the data block after this header, with times of `timeSize` bytes.
    func dataSize(timeSize: Int) -> Int {
        transitionCount * (timeSize + 1) + typeCount * 6 + characterCount + leapSecondCount * (timeSize + 4)
            + standardIndicatorCount + utcIndicatorCount
    }
}
