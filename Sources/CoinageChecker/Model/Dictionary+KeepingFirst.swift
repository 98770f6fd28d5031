extension Dictionary {
    /// The pairs as a dictionary, keeping the first value given for each key.
    ///
    /// `Dictionary(_:uniquingKeysWith:)` does the same, but its rethrowing combine
    /// needs a dynamic cast that Embedded Swift (the WebAssembly build) cannot compile.
    package init(keepingFirstOf pairs: some Sequence<(Key, Value)>) {
        self.init()
        for (key, value) in pairs where self[key] == nil { self[key] = value }
    }

    /// Merges `other` in, combining the values of a key both hold with `combine`:
    /// `merge(_:uniquingKeysWith:)` without the rethrowing the WebAssembly build
    /// cannot compile.
    package mutating func merge(_ other: [Key: Value], combining combine: (Value, Value) -> Value) {
        for (key, value) in other { self[key] = self[key].map { combine($0, value) } ?? value }
    }
}
