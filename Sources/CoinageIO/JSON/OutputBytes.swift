import Coinage

/// A growable byte buffer written through a pointer: what the batch writer appends
/// to, dozens of times a line.
///
/// An `Array`'s `append` checks uniqueness and capacity on every call and goes
/// through its generic sequence path for each piece; here a piece is one bounds
/// check and one copy. A class, so a writer holding it owns one buffer; it is not
/// meant to be shared between writers.
///
/// It can also write into room its caller lends, such as an array's uninitialized
/// capacity (`init(writingInto:)`): the bytes are then written where they are
/// wanted, never copied there, until they outgrow the room and move to a buffer of
/// its own.
final class OutputBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` is this buffer's own allocation, freed with it, rather than
    /// room lent by the caller.
    private(set) var ownsBase = true

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    /// A buffer that writes into `room` until it needs more. The room must outlive
    /// the buffer, and is read only up to `count` while `ownsBase` is false.
    init(writingInto room: UnsafeMutableBufferPointer<UInt8>) {
        if let start = room.baseAddress, room.count >= 64 {
            base = start
            capacity = room.count
            ownsBase = false
        } else {
            capacity = 64
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
    }

    deinit {
        if ownsBase { base.deallocate() }
    }

    /// The bytes written so far, as an array.
    var array: [UInt8] {
        // One block copy: `Array(UnsafeBufferPointer)` goes element by element.
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let target = buffer.baseAddress { target.update(from: base, count: count) }
            initialized = count
        }
    }

    func removeAll() { count = 0 }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        if ownsBase { base.deallocate() }
        base = newBase
        capacity = newCapacity
        ownsBase = true
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends `bytes` where `reserve` already made room for them.
    @inline(__always)
    func appendReserved(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The most bytes `appendPiece` copies as whole blocks: the bytes it may read
    /// from a piece's start, and write from the end of the buffer.
    static let pieceWindow = 64

    /// Appends a piece of a quote line, where `reserve` made room for it and
    /// `pieceWindow` bytes more, from memory readable `pieceWindow` bytes from the
    /// piece's start (`QuoteLineFragments` pads its block so): a piece up to that
    /// long is copied as four 16-byte blocks, a longer one by `memcpy`.
    // Most pieces are 10 to 60 bytes: a call to `memcpy` for each cost about 20
    // instructions a piece, a dozen pieces a line (callgrind).
    @inline(__always)
    func appendPiece(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        guard bytes.count <= Self.pieceWindow else {
            appendReserved(bytes)
            return
        }
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(base + count)
        to.storeBytes(of: from.loadUnaligned(as: SIMD16<UInt8>.self), as: SIMD16<UInt8>.self)
        if bytes.count > 16 {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self), toByteOffset: 16, as: SIMD16<UInt8>.self)
            if bytes.count > 32 {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 32, as: SIMD16<UInt8>.self), toByteOffset: 32, as: SIMD16<UInt8>.self)
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: 48, as: SIMD16<UInt8>.self), toByteOffset: 48, as: SIMD16<UInt8>.self)
            }
        }
        count += bytes.count
    }

    /// Appends one byte where `reserve` already made room for it.
    @inline(__always)
    func appendReserved(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// "00" to "99", each pair at twice its value.
    private static let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The two digits of `value` (below 100) as a little-endian word: one load from
    /// `pairs`, for the one-store writers below.
    @inline(__always)
    private static func pairWord(_ value: UInt64) -> UInt64 {
        UInt64(UInt16(littleEndian: UnsafeRawPointer(pairs.utf8Start).loadUnaligned(fromByteOffset: Int(value) &* 2, as: UInt16.self)))
    }

    /// Appends `cents` (below 1,000,000) as an amount of two decimals, `0.05` to
    /// `9999.99`, where `reserve` made room for 7 bytes and `pieceWindow` more: one
    /// 8-byte store, the bytes past the amount written over next.
    // Most amounts of a quote line are below 10,000 in a currency of two decimals:
    // written as a whole and a fraction, each digit by digit, they cost about 60
    // instructions more each (callgrind, six a line).
    @inline(__always)
    func appendCentsReserved(_ cents: UInt64) {
        let pair = Self.pairWord
        let whole = cents / 100
        let fraction = pair(cents &- whole &* 100)
        let word: UInt64
        let length: Int
        if whole >= 100 {
            let high = whole / 100
            let low = pair(whole &- high &* 100)
            if high >= 10 {
                word = pair(high) | low << 16 | 0x2E << 32 | fraction << 40
                length = 7
            } else {
                word = (0x30 | high) | low << 8 | 0x2E << 24 | fraction << 32
                length = 6
            }
        } else if whole >= 10 {
            word = pair(whole) | 0x2E << 16 | fraction << 24
            length = 5
        } else {
            word = (0x30 | whole) | 0x2E << 8 | fraction << 16
            length = 4
        }
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count += length
    }

    /// Appends `value` in decimal where `reserve` made room for 20 bytes (or
    /// `minimumDigits`, when more), two digits at a time.
    @inline(__always)
    func appendDigitsReserved(_ value: UInt64, minimumDigits: Int = 1) {
        let digits = Self.pairs.utf8Start
        // Most numbers of a quote line (cents, small prices) have one or two digits.
        if value < 100, minimumDigits <= 2 {
            let pair = Int(value) &* 2
            if value >= 10 || minimumDigits == 2 {
                base[count] = digits[pair]
                base[count + 1] = digits[pair + 1]
                count += 2
            } else {
                base[count] = digits[pair + 1]
                count += 1
            }
            return
        }
        // Coins and whole amounts mostly have three or four digits: one store.
        if value < 10_000, minimumDigits <= 3 {
            let high = value / 100
            let low = Self.pairWord(value &- high &* 100)
            let word: UInt64
            let length: Int
            if high >= 10 {
                word = Self.pairWord(high) | low << 16
                length = 4
            } else {
                word = (0x30 | high) | low << 8
                length = 3
            }
            // Four bytes: within the 20 reserved.
            UnsafeMutableRawPointer(base + count).storeBytes(of: UInt32(truncatingIfNeeded: word).littleEndian, as: UInt32.self)
            count += length
            return
        }
        var length = 3
        var scale: UInt64 = 1_000
        while length < 20, value >= scale { length += 1; scale = scale &* 10 }
        length = max(length, minimumDigits)
        var rest = value
        var index = count + length
        while index - count >= 2 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            base[index - 1] = digits[pair + 1]
            base[index - 2] = digits[pair]
            index -= 2
        }
        if index > count { base[count] = UInt8(truncatingIfNeeded: 48 &+ rest % 10) }
        count += length
    }
}
