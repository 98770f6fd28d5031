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
    /// Bit `i` set when `interned[i]` is one of the keywords.
    let internedBits: UInt64
    /// True when every keyword is in `interned`, so that a word's text number alone
    /// says whether it is one.
    let isInterned: Bool

    /// The words each file's table of texts numbers first, from
    /// `LexedTexts.keywordBase` on: every keyword of the parser's sets, so that a
    /// word is found in a set by its number. The promotion clauses come first, in
    /// this order: `parsePromotionClause` tells them apart by number.
    static let interned: [String] = [
        "when", "during", "every", "code", "limit", "discount", "price", "bonus", "priority", "exclusive", "group",
        "base", "stacking", "floor", "currency", "rate", "round", "region", "market", "channel", "bundle", "custom",
        "user", "promotion", "gift", "payout", "test", "guard", "allow", "unit", "points", "experiment",
        "and", "or", "not", "in", "true", "false", "audience", "salt", "arm",
    ]

    package init(arrayLiteral elements: String...) {
        words = Set(elements)
        var byLength: [[String]] = []
        for word in words.sorted() {
            let length = word.utf8.count
            while byLength.count <= length { byLength.append([]) }
            byLength[length].append(word)
        }
        self.byLength = byLength
        var bits: UInt64 = 0
        var isInterned = true
        for word in words {
            if let position = Self.interned.firstIndex(of: word), position < 64 {
                bits |= 1 << UInt64(position)
            } else {
                isInterned = false
            }
        }
        internedBits = bits
        self.isInterned = isInterned
    }

    /// The number of the text of `keyword`, one of `interned`, in every file's table
    /// (no text has the number `UInt32.max`).
    static func textNumber(of keyword: String) -> UInt32 {
        guard let position = interned.firstIndex(of: keyword) else { return UInt32.max }
        return LexedTexts.keywordBase + UInt32(position)
    }

    /// True when the word whose text has `number` in its file's table is one of the
    /// keywords; meaningful only when `isInterned`.
    func contains(textNumber number: UInt32) -> Bool {
        let position = number &- LexedTexts.keywordBase
        return position < 64 && internedBits >> UInt64(position) & 1 != 0
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

/// The text numbers of the keywords the parser tests most, and the bits of its
/// hottest sets, as constants: read from static `let`s they were a call each.
/// `KeywordSet.interned` fixes them; `FrontEndSpeedTests` checks that they agree.
enum KeywordNumber {
    static var andWord: UInt32 { LexedTexts.keywordBase + 32 }
    static var orWord: UInt32 { LexedTexts.keywordBase + 33 }
    static var notWord: UInt32 { LexedTexts.keywordBase + 34 }
    static var inWord: UInt32 { LexedTexts.keywordBase + 35 }
    static var userWord: UInt32 { LexedTexts.keywordBase + 22 }
    /// `Parser.reservedWords`: `and` to `false`.
    static var reservedWords: UInt64 { 0x3F << 32 }
    /// `Parser.promotionClauses`: `when` to `group`.
    static var promotionClauses: UInt64 { 0x7FF }
    /// `Parser.declarationKeywords`: `price`, and `base` to `experiment`.
    static var declarationKeywords: UInt64 { 0x1F_FFFF << 11 | 1 << 6 }
}
