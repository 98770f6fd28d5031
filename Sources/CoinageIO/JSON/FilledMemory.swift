extension UnsafeMutablePointer {
    /// Memory for `count` values, each `value`: the tables of the batch reader and
    /// writer (`DateEntries`, `MemberOpenings`, `RecentValue`, `QuoteLineFragments`)
    /// live in memory of their own, so reading them retains nothing. The caller
    /// deallocates it.
    static func filled(with value: Pointee, count: Int) -> UnsafeMutablePointer {
        let memory = allocate(capacity: count)
        memory.initialize(repeating: value, count: count)
        return memory
    }
}
