@testable import CoinageSyntax
import Testing

/// The shortcuts the front end takes for speed give what the plain way gave: the
/// UTF-8 check's ASCII fast path, token texts made once per distinct text
/// (`LexedTexts`), punctuation texts, and keywords looked up by length (`KeywordSet`).
@Suite struct FrontEndSpeedTests {
    private static func source(_ bytes: [UInt8]) -> SourceFile {
        SourceFile(id: SourceFileID(0), path: "speed.coin", bytes: bytes)
    }

    @Test("a bad byte after a long ASCII run is found at its own offset, whatever its place in a word",
          arguments: [0, 7, 8, 9, 15, 16, 17, 23, 24, 31, 40])
    func invalidByteAfterASCII(prefix: Int) {
        let bytes = [UInt8](repeating: UInt8(ascii: "#"), count: prefix) + [0xFF] + Array(" tail\n".utf8)
        #expect(Parser.firstInvalidUTF8Offset(bytes) == prefix)
        #expect(Parser.asciiPrefixLength(bytes) == prefix)
    }

    @Test("valid UTF-8 after a long ASCII run is valid; a sequence cut short there is not")
    func multiByteAfterASCII() {
        let comment = Array("# a comment longer than eight bytes: café, ¥, €, 😀\n".utf8)
        #expect(Parser.firstInvalidUTF8Offset(comment) == nil)
        #expect(Parser.firstInvalidUTF8Offset(comment + [0xE2, 0x82]) == comment.count)
        #expect(Parser.firstInvalidUTF8Offset([]) == nil)
        #expect(Parser.asciiPrefixLength(Array("exactly16bytes!!".utf8)) == 16)
    }

    @Test("every token's text is the text of its span, for repeated, many and long names")
    func tokenTextsAreTheirSpans() {
        // Enough distinct names to grow the table several times, each written twice,
        // a name longer than the table keeps, numbers, codes, strings and punctuation.
        var text = ""
        for index in 0..<3_000 { text += "bundle name_\(index): \(index) coins, \(index).99 USD\n" }
        for index in stride(from: 2_999, through: 0, by: -7) { text += "market m_\(index): DE, FR, name_\(index)\n" }
        text += "promotion \(String(repeating: "long_", count: 30))x {\n  when user.tier >= 3 and bundle in [a, b]\n"
        text += "  code \"PROMO\"\n  during 2026-11-27T18:00 to 2026-11-30 local\n  every sat from 18:00 to 22:00\n}\n"
        let source = Self.source(Array(text.utf8))
        let tokens = Lexer.tokenize(source).tokens
        #expect(tokens.count > 25_000)
        for token in tokens where token.kind != .endOfFile {
            #expect(token.text == source.text(of: token.span), "\(token.kind) at \(token.span.start)")
        }
        #expect(tokens.last?.kind == .endOfFile && tokens.last?.text == "")
        let kinds = Set(tokens.map(\.kind))
        for kind in [TokenKind.word, .code, .integer, .decimal, .string, .date, .dateTime, .time, .colon, .comma,
                     .leftBrace, .rightBrace, .leftBracket, .rightBracket, .dot, .greaterEqual] {
            #expect(kinds.contains(kind), "\(kind)")
        }
    }

    @Test("the same text in two files is the same text in each")
    func textsPerFile() {
        var sources = SourceMap()
        sources.add(path: "a.coin", text: "bundle coins_70: 70 coins, 0.99 USD\n")
        sources.add(path: "b.coin", text: "# another file\nbundle coins_70x: 70 coins, 0.99 USD\n")
        for file in sources.files {
            for token in Lexer.tokenize(file).tokens where token.kind != .endOfFile {
                #expect(token.text == file.text(of: token.span))
            }
        }
    }

    @Test("a keyword set holds exactly its words")
    func keywordSet() {
        let keywords: KeywordSet = ["and", "or", "not", "in", "promotion", "exclusive"]
        for word in ["and", "or", "not", "in", "promotion", "exclusive"] { #expect(keywords.contains(word)) }
        for word in ["", "a", "an", "on", "nod", "inn", "promotions", "exclusivE", "promotioN", "coins_2870", "andand", "Ã©"] {
            #expect(!keywords.contains(word), "\(word)")
        }
        #expect(keywords.sorted() == ["and", "exclusive", "in", "not", "or", "promotion"])
        #expect(Parser.declarationKeywords.words.allSatisfy { Parser.declarationKeywords.contains($0) })
        #expect(Parser.promotionClauses.contains("when") && !Parser.promotionClauses.contains("whenever"))
    }

    @Test("keywords are told by their text numbers as by their texts")
    func keywordNumbers() {
        let sets = [Parser.declarationKeywords, Parser.reservedWords, Parser.promotionClauses, Parser.experimentClauses]
        #expect(sets.allSatisfy(\.isInterned) && KeywordSet.interned.count <= 64)
        #expect(Set(KeywordSet.interned).count == KeywordSet.interned.count)
        #expect(Parser.reservedWords.internedBits == KeywordNumber.reservedWords)
        #expect(Parser.promotionClauses.internedBits == KeywordNumber.promotionClauses)
        #expect(Parser.declarationKeywords.internedBits == KeywordNumber.declarationKeywords)
        // `parsePromotionClause` switches on these places.
        #expect(Array(KeywordSet.interned.prefix(11))
            == ["when", "during", "every", "code", "limit", "discount", "price", "bonus", "priority", "exclusive", "group"])
        for (word, number) in [("and", KeywordNumber.andWord), ("or", KeywordNumber.orWord), ("not", KeywordNumber.notWord),
                               ("in", KeywordNumber.inWord), ("user", KeywordNumber.userWord)] {
            #expect(KeywordSet.textNumber(of: word) == number, "\(word)")
        }
        // A keyword lexed in a file has its fixed number; a longer or shorter word does not.
        let lexed = Lexer.tokenize(Self.source(Array("when whenever user users or\n".utf8))).lexed
        #expect(lexed.textNumber(at: 0) == KeywordSet.textNumber(of: "when"))
        #expect(lexed.textNumber(at: 2) == KeywordNumber.userWord && lexed.textNumber(at: 4) == KeywordNumber.orWord)
        #expect(!lexed.isKeyword(at: 1, bits: KeywordNumber.promotionClauses) && lexed.isKeyword(at: 0, bits: KeywordNumber.promotionClauses))
        #expect(!lexed.isKeyword(at: 3, bits: KeywordNumber.declarationKeywords) && lexed.isKeyword(at: 2, bits: KeywordNumber.declarationKeywords))
    }

    @Test("names end where a byte of another kind stands, eight bytes at a time or one",
          arguments: ["a", "abcdefg", "abcdefgh", "abcdefghi", "coins_2870", "Europe_Berlin_x", "a-b", "ab.cd", "é", "abc_é", "z{", "A[Z"])
    func nameEnds(text: String) {
        let bytes = Array((text + " " + text + "\n").utf8)
        let plain = { (start: Int) -> Int in
            var index = start
            while index < bytes.count, Lexer.isNameByte(bytes[index]) { index += 1 }
            return index
        }
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0..<bytes.count { #expect(Lexer.nameEnd(buffer, from: start) == plain(start), "\(text) from \(start)") }
        }
        for byte in UInt8.min...UInt8.max {
            #expect((Lexer.nameBytes(UInt64(byte)) & 0x80 != 0) == Lexer.isNameByte(byte), "\(byte)")
        }
    }

    @Test("a word is a keyword only when the whole word is", arguments: ["o", "or", "orr", "ro", "Or", "oR"])
    func isWord(text: String) {
        let token = Lexer.tokenize(Self.source(Array(text.utf8))).tokens[0]
        #expect(token.isWord("or") == (text == "or"))
    }

    @Test("dates and times keep their values in their small storage")
    func compactDatesAndTimes() throws {
        let last = try #require(CivilDate(year: 9999, month: 12, day: 31))
        #expect((last.year, last.month, last.day) == (9999, 12, 31))
        #expect(last.description == "9999-12-31")
        let first = try #require(CivilDate(year: 1, month: 1, day: 1))
        #expect(first < last && !(last < first))
        #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil && CivilDate(year: 2026, month: 2, day: 29) == nil)
        let time = try #require(TimeOfDay(hour: 23, minute: 59, second: 59))
        #expect((time.hour, time.minute, time.second) == (23, 59, 59))
        #expect(time.secondsSinceMidnight == 86_399 && time.description == "23:59:59")
        #expect(TimeOfDay.midnight < time && TimeOfDay(hour: 24, minute: 0) == nil)
        // Reflection shows the values, as the formatter's structural fingerprint reads them.
        #expect(Mirror(reflecting: last).children.map { "\($0.label ?? ""):\($0.value)" } == ["year:9999", "month:12", "day:31"])
        #expect(Mirror(reflecting: time).children.map { "\($0.label ?? ""):\($0.value)" } == ["hour:23", "minute:59", "second:59"])
    }
}
