/// A fixed set of keywords that answers `contains` without hashing.
///
/// The parser asks whether a word is a keyword for nearly every word it reads (a
/// declaration keyword, a clause keyword, a reserved word). Hashing each word into a
/// `Set<String>` was a tenth of parsing a big shop; here a word is compared only with
/// the keywords of its length, and most names are longer than every keyword.
package struct KeywordSet: Sendable, ExpressibleByArrayLiteral {
    /// The keywords, for suggestions and messages.
    let words: Set<String>
    /// The keywords by their length in UTF-8 bytes.
    private let byLength: [[String]]

    package init(arrayLiteral elements: String...) {
        words = Set(elements)
        var byLength: [[String]] = []
        for word in words.sorted() {
            let length = word.utf8.count
            while byLength.count <= length { byLength.append([]) }
            byLength[length].append(word)
        }
        self.byLength = byLength
    }

    /// True when `word` is one of the keywords.
    package func contains(_ word: String) -> Bool {
        let length = word.utf8.count
        guard length < byLength.count else { return false }
        for keyword in byLength[length] where keyword == word { return true }
        return false
    }

    /// The keywords in alphabetical order.
    func sorted() -> [String] { words.sorted() }
}
