/// How the mutation suites put a mutant's text in place of a token.
public enum TokenSplice {
    /// Replaces `bytes[start..<end]` with `text`, adding a space on a side where the
    /// replacement would otherwise run into a neighbouring token and merge with it
    /// (deleting the `.` of `user.segment` must not make `usersegment`).
    public static func replacing(_ bytes: [UInt8], from start: Int, to end: Int, with text: String) -> [UInt8] {
        func isBlank(_ index: Int) -> Bool {
            index < 0 || index >= bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index])
        }
        var middle = Array(text.utf8)
        if !isBlank(start - 1) && !isBlank(end) && middle.isEmpty {
            middle = [0x20]
        } else if !middle.isEmpty {
            if !isBlank(start - 1) { middle.insert(0x20, at: 0) }
            if !isBlank(end) { middle.append(0x20) }
        }
        return Array(bytes[..<start]) + middle + Array(bytes[end...])
    }
}
