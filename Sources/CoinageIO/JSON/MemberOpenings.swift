/// How each member of an object opened in the lines read before, by the member
/// that came before it: the bytes from the end of that member's value (or from the
/// object's brace) to the next value, `,"region":`, and which member they open.
///
/// A batch's lines come from one program, which writes its keys in one order: the
/// reader compares the next bytes with the opening that followed the same member
/// last time, and on a match knows the member without reading its key, matching it
/// against the known keys or looking it up (callgrind: about 45 instructions a
/// member, 80 for a buyer's fact). On a mismatch it reads the key as before and
/// records the new opening, so a line in another order is read the same, only
/// without the shortcut.
///
/// The bytes live in memory of their own, so the reader's copy is a few pointers;
/// whoever makes the openings frees them (`deallocate()`).
struct MemberOpenings {
    /// The longest opening kept: longer ones are read the ordinary way every time.
    static let maxBytes = 32

    /// Per entry (the member before, numbered from 1; 0 for the object's brace):
    /// the opening's bytes, at `entry × maxBytes`.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per entry, the opening's length (0 for none recorded) and the member it opens.
    private let counts: UnsafeMutablePointer<Int>
    private let members: UnsafeMutablePointer<Int>
    /// How many members an entry can name: entries run from 0 to `memberCount`.
    let memberCount: Int

    /// Openings for an object whose members are numbered 0 to `memberCount - 1`.
    init(memberCount: Int) {
        self.memberCount = memberCount
        let entries = memberCount + 1
        bytes = .filled(with: 0, count: entries * Self.maxBytes)
        counts = .filled(with: 0, count: entries)
        members = .filled(with: 0, count: entries)
    }

    /// Frees the openings: they are not to be used after.
    func deallocate() {
        bytes.deallocate()
        counts.deallocate()
        members.deallocate()
    }

    /// The member that opened after member `previous` (nil: the object's brace)
    /// last time, when the cursor is at the same opening: the cursor then moves to
    /// the member's value. Nil, the cursor unmoved, otherwise.
    @inline(__always)
    func member(after previous: Int?, at cursor: inout JSONCursor) -> Int? {
        let entry = previous.map { $0 + 1 } ?? 0
        guard entry <= memberCount else { return nil }
        let count = counts[entry]
        guard count > 0, cursor.skip(UnsafeBufferPointer(start: bytes + entry * Self.maxBytes, count: count)) else { return nil }
        return members[entry]
    }

    /// Records that `opening` opened member `member` after member `previous`.
    func record(after previous: Int?, opening: UnsafeBufferPointer<UInt8>, member: Int) {
        let entry = previous.map { $0 + 1 } ?? 0
        guard entry <= memberCount, member >= 0, member < memberCount else { return }
        guard let source = opening.baseAddress, opening.count <= Self.maxBytes else {
            counts[entry] = 0
            return
        }
        (bytes + entry * Self.maxBytes).update(from: source, count: opening.count)
        counts[entry] = opening.count
        members[entry] = member
    }
}
