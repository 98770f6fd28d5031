@testable import CoinageChecker
@testable import CoinageEngine
@testable import CoinageIO
import CoinageJSON
import CoinageTestSupport
import Testing

/// The fast reader of `quote --batch` (`ResolvedLineReader`) against the slow one
/// (`RequestLineParser`, then `PriceBook.quote`): a line the fast reader takes gives
/// the very quote, or refusal, the slow path gives; the lines it leaves (escapes,
/// unknown names, malformed JSON, `explain`) are the slow path's to refuse.
@Suite struct ResolvedLineReaderTests {
    static let now: Int64 = 1_780_000_000

    /// What the slow path makes of a line: its quote or refusal, or nil when the line
    /// itself is refused.
    static func slow(_ line: [UInt8], _ shop: CompiledShop) -> Result<Quote, QuoteError>? {
        guard case .success(var request) = RequestLineParser.parse(line[...], rules: shop.rules, now: now) else { return nil }
        request.explain = false
        return shop.book.quote(request)
    }

    /// Reads every line both ways; returns the mismatches and how many lines the fast
    /// reader took.
    static func compare(_ lines: [[UInt8]], _ shop: CompiledShop) -> (mismatches: [String], fast: Int) {
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        var mismatches: [String] = []
        var fast = 0
        for line in lines {
            guard let resolved = line.withUnsafeBufferPointer({ reader.read($0, book: shop.book, now: now) }) else { continue }
            fast += 1
            let quoted = shop.book.quote(resolved)
            let expected = slow(line, shop)
            if quoted != expected { mismatches.append("\(String(decoding: line, as: UTF8.self)): \(quoted) against \(String(describing: expected))") }
        }
        return (mismatches, fast)
    }

    /// Generated requests as lines, faults and all, and each line cut, with a byte
    /// changed, and with a key given twice.
    static func lines(_ shop: CompiledShop, seed: UInt64, count: Int) -> [[UInt8]] {
        var generator = RequestGenerator(rules: shop.rules, seed: seed)
        var rng = SplitMix64(seed: seed ^ 0xFA57)
        var lines: [[UInt8]] = []
        for _ in 0..<count {
            let line = Array(generator.next().jsonLine.utf8)
            lines.append(line)
            let cut = Int(rng.next() % UInt64(line.count))
            lines.append(Array(line[..<cut]))
            var changed = line
            let replacements = Array("\"{}[]:,0-9az \\".utf8)
            changed[Int(rng.next() % UInt64(line.count))] = replacements[Int(rng.next() % UInt64(replacements.count))]
            lines.append(changed)
            lines.append(Array(line.dropLast()) + Array(",\"region\":\"US\"}".utf8))
        }
        return lines
    }

    @Test func theSampleShopReadsAlikeBothWays() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let (mismatches, fast) = Self.compare(Self.lines(shop, seed: 0x11, count: 600), shop)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(fast > 600 / 2, "the fast reader took \(fast) lines")
    }

    @Test func aShopUsingEveryClauseReadsAlikeBothWays() throws {
        let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled()
        let (mismatches, fast) = Self.compare(Self.lines(shop, seed: 0x12, count: 600), shop)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(fast > 600 / 2, "the fast reader took \(fast) lines")
    }

    @Test func linesOutsideThePlainFormAreLeftToTheSlowPath() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        func read(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now) } != nil }
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web"}"#))
        #expect(read(" \u{FEFF}{\"bundle\":\"coins_700\",\"region\":\"DE\",\"channel\":\"web\"}") == false)  // a BOM after a space
        #expect(read("\u{FEFF}{\"bundle\":\"coins_700\",\"region\":\"DE\",\"channel\":\"web\"} "))
        #expect(read(#"{"bundle":"coins_\u003700","region":"DE","channel":"web"}"#) == false)  // an escape
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web","explain":true}"#) == false)
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web","explain":false}"#))
        #expect(read(#"{"bundle":"coins_700","region":"XX","channel":"web"}"#) == false)  // unknown region
        #expect(read(#"{"bundle":"coins_700","region":"DE"}"#) == false)  // missing channel
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web","at":"1999-12-31T23:59:59Z"}"#) == false)
        #expect(read(#"{"coins":0,"region":"DE","channel":"web"}"#) == false)
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web","user":{"purchases":1.5}}"#) == false)
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web","codes":["vip2026","NOPE"]}"#))
        #expect(read(#"{"bundle":"coins_700","region":"DE","channel":"web"}x"#) == false)
    }

    /// Keys are matched as whole words: a key one letter short or long, or of another
    /// case, is no key the fast reader knows, and the line goes to the slow path.
    @Test func keysThatAlmostSpellAKnownKeyAreLeftToTheSlowPath() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        func read(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now) } != nil }
        let plain = #"{"bundle":"coins_700","region":"DE","channel":"web","#
        #expect(read(plain + #""at":"2026-11-28T19:00:00Z"}"#))
        #expect(read(plain + #""redemptions":{"first_purchase_bonus":{"total":1,"user":0}}}"#))
        for key in ["a", "att", "AT", "use", "users", "User", "coin", "codes_", "bundl", "bundles", "regio", "channels", "explai",
                    "redemption", "redemptionss", "redemptioNs", "", "at\u{7F}"] {
            #expect(!read(plain + "\"\(key)\":1}"), "key `\(key)`")
        }
        for key in ["tota", "totals", "use", "users", "Total"] {
            #expect(!read(plain + #""redemptions":{"first_purchase_bonus":{""# + key + #"":1}}}"#), "counter `\(key)`")
        }
    }

    /// Strings are scanned eight bytes at a time while eight are left: every length
    /// around a word, a string that ends the line, and one the line cuts short, read
    /// as the slow path reads them. Each line is in memory of its own length, so a
    /// scan that read past it would read past the allocation.
    @Test func stringsOfEveryLengthAroundAWordReadAlikeBothWays() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        let plain = #"{"bundle":"coins_700","region":"DE","channel":"web""#
        var lines: [String] = []
        for count in 0...20 {
            let text = String(repeating: "v", count: count)
            lines += [plain + #","user":{"segment":""# + text + #""}}"#, plain + #","codes":[""# + text + #""]}"#,
                      plain + #",""# + text + #"":1}"#, plain + #","codes":[""# + text, #"{""# + text, plain + #","at":""# + text + #""}"#,
                      plain + #","codes":[""# + text + #"\u0041"]}"#, plain + #","codes":[""# + text + "\u{1}\"]}"]
        }
        lines.append(plain + #","codes":["VIP2026"]}"#)
        var fast = 0
        for line in lines {
            let bytes = Array(line.utf8)
            let exact = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
            defer { exact.deallocate() }
            _ = exact.initialize(from: bytes)
            guard let resolved = reader.read(UnsafeBufferPointer(exact), book: shop.book, now: Self.now) else { continue }
            fast += 1
            #expect(shop.book.quote(resolved) == Self.slow(bytes, shop), "\(line)")
        }
        // Codes the rules lack are skipped, so every length of code is the fast reader's.
        #expect(fast >= 22, "the fast reader took \(fast) lines")
    }

    /// A shop's attribute keys are matched by the reader itself when there are at
    /// most `ShortNames.maxNames` of at most 16 bytes; past either, by the book's name
    /// table. Both ways read alike with the slow path.
    @Test func attributeKeysReadAlikeMatchedHereOrLookedUp() throws {
        let many = (1...ShortNames.maxNames).map { "user extra_\($0): int 0 to 9\n" }.joined()
        for extra in ["", "user a_rather_long_attribute: bool\n", many] {
            let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled(extra)
            let (mismatches, fast) = Self.compare(Self.lines(shop, seed: 0x13, count: 300), shop)
            #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
            #expect(fast > 300 / 2, "the fast reader took \(fast) lines")
        }
    }

    /// A batch resolves each line into one variable: a line read into it after
    /// another is the line read alone (no fact, code or counter of the one before
    /// stays), and a line the reader leaves to the slow path leaves it as it was.
    @Test func aRequestReadIntoAReusedVariableIsTheLineReadAlone() throws {
        let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled()
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        var reused = ResolvedRequest.unresolved
        var taken = 0
        for line in Self.lines(shop, seed: 0x14, count: 200) {
            let before = shop.book.quote(reused)
            let read = line.withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now, into: &reused) }
            let alone = line.withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now) }
            #expect(read == (alone != nil))
            if let alone {
                taken += 1
                #expect(shop.book.quote(reused) == shop.book.quote(alone), "\(String(decoding: line, as: UTF8.self))")
            } else {
                #expect(shop.book.quote(reused) == before)
            }
        }
        #expect(taken > 200 / 2, "the fast reader took \(taken) lines")
    }

    /// The reader knows a member by how it opened after the member before it in the
    /// lines before (`MemberOpenings`). Lines whose members come in one order, then
    /// in shuffled orders, with spaces here and there, and one after another through
    /// one reader, each read as the slow path reads them: a shortcut that matched
    /// where the key differs would give another quote or take a line it must leave.
    @Test func membersInAnyOrderAndSpacingReadAlikeThroughOneReader() throws {
        for shop in [try ReferenceEvaluatorPropertyTests.sampleShop(), try ReferenceEvaluatorPropertyTests.everyClauseCompiled()] {
            var generator = RequestGenerator(rules: shop.rules, seed: 0x0DE2)
            var rng = SplitMix64(seed: 0x0DE2)
            func shuffled(_ value: JSONValue) -> JSONValue {
                guard case .object(var members) = value else { return value }
                for index in members.indices.reversed() where index > 0 {
                    members.swapAt(index, Int(rng.next() % UInt64(index + 1)))
                }
                return .object(members.map { ($0.0, shuffled($0.1)) })
            }
            var lines: [[UInt8]] = []
            for round in 0..<900 {
                let request = generator.next().jsonValue
                // A run in the order written, then runs of one shuffled order, then a
                // new order every line.
                let value = round < 300 ? request : shuffled(request)
                var line = Array(value.serialized().utf8)
                if round % 7 == 3 { line = Self.spaced(line, between: ",\"") }
                if round % 11 == 5 { line = Self.spaced(line, between: "\":") }
                lines.append(line)
                if round >= 300 && round < 600 && round % 50 != 0 { lines.append(line) }
            }
            let (mismatches, fast) = Self.compare(lines, shop)
            #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
            #expect(fast > lines.count / 2, "the fast reader took \(fast) of \(lines.count) lines")
        }
    }

    /// `line` with a space between each pair of bytes `pair`.
    static func spaced(_ line: [UInt8], between pair: StaticString) -> [UInt8] {
        let (first, second) = (pair.utf8Start[0], pair.utf8Start[1])
        var spaced: [UInt8] = []
        for (index, byte) in line.enumerated() {
            spaced.append(byte)
            if byte == first, index + 1 < line.count, line[index + 1] == second { spaced.append(UInt8(ascii: " ")) }
        }
        return spaced
    }

    /// Channels, `one of` values and codes are matched by the reader when
    /// `ShortNames` holds them, and looked up in the book past `ShortNames.maxNames`
    /// (or, for codes, past ASCII or 16 bytes): both read alike with the slow path.
    @Test func channelsValuesAndCodesReadAlikeMatchedHereOrLookedUp() throws {
        let channels = (1...ShortNames.maxNames).map { "channel extra_\($0): fee 1%\n" }.joined()
        let values = "user colour: one of " + (1...ShortNames.maxNames + 1).map { "c\($0)" }.joined(separator: ", ") + "\n"
            + "promotion colourful {\n  when user.colour in [c2, c9]\n  discount 3%\n}\n"
        let codes = (1...ShortNames.maxNames).map { "promotion coded_\($0) {\n  code \"Code\($0)\"\n  discount 1%\n}\n" }.joined()
        let longCode = "promotion long_code {\n  code \"AVeryLongCodeIndeed\"\n  discount 1%\n}\n"
        let unicodeCode = "promotion accented {\n  code \"Été\"\n  discount 1%\n}\n"
        for extra in ["", channels, values, channels + values, codes, longCode, unicodeCode] {
            let shop = try ReferenceEvaluatorPropertyTests.everyClauseCompiled(extra)
            let (mismatches, fast) = Self.compare(Self.lines(shop, seed: 0x15, count: 300), shop)
            #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
            // With a code past ASCII in the rules, a line with a code they lack is the
            // slow path's (it may match that code as Swift compares strings).
            #expect(fast > (extra == unicodeCode ? 300 / 8 : 300 / 2), "the fast reader took \(fast) lines")
        }
    }

    /// Codes numbered from 64 on, facts past the inline slots and redemption counters
    /// (a resolved request's rare parts) read on the fast path as the slow path reads
    /// them, and each line read into a reused request as read alone.
    @Test func codesPast64FactsPastTheInlineSlotsAndCountersReadAlikeBothWays() throws {
        let shop = try WalkFixture.shop(ResolvedRequestTests.rareParts)
        let lines = [
            #"{"bundle":"b","region":"US","codes":["c0","C63"]}"#,
            #"{"bundle":"b","region":"US","codes":["c64","c69","C69"]}"#,
            #"{"bundle":"b","region":"US","user":{"flag_9":true},"codes":["c1","c65","unknown"]}"#,
            #"{"bundle":"b","region":"US"}"#,
            #"{"bundle":"b","region":"US","user":{"flag_9":true,"flag_0":false},"codes":["c66"],"redemptions":{"limited":{"total":4}}}"#,
            #"{"bundle":"b","region":"US","redemptions":{"limited":{"total":5}}}"#,
            #"{"bundle":"b","region":"US","user":{"flag_8":true},"codes":["c2","c67"],"redemptions":{"limited":{"user":1}}}"#,
            #"{"bundle":"b","region":"US","user":{"flag_0":true}}"#,
        ].map { Array($0.utf8) }
        let (mismatches, fast) = Self.compare(lines, shop)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(fast == lines.count)
        let reader = ResolvedLineReader(book: shop.book, rules: shop.rules)
        var reused = ResolvedRequest.unresolved
        for line in lines + lines.reversed() {
            let alone = line.withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now) }
            let read = line.withUnsafeBufferPointer { reader.read($0, book: shop.book, now: Self.now, into: &reused) }
            #expect(read && alone.map { shop.book.quote($0) } == shop.book.quote(reused))
        }
    }

    /// A buyer or a list of codes that repeats the line before byte for byte takes the
    /// facts and code numbers read there (`RecentValue`). Runs of one buyer, then
    /// buyers that differ from the one before by a digit, a byte more or less, a
    /// space, a key order or a fact the rules refuse, and codes the same way, each
    /// line read as the slow path reads it.
    @Test func aBuyerAndCodesRepeatedFromTheLineBeforeReadAsReadAfresh() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let users = [
            #"{"first_purchase":false,"purchases":12,"segment":"vip"}"#,
            #"{"first_purchase":false,"purchases":12,"segment":"vip"}"#,
            #"{"first_purchase":false,"purchases":1,"segment":"vip"}"#,
            #"{"first_purchase":false,"purchases":123,"segment":"vip"}"#,
            #"{"first_purchase":false,"purchases":12,"segment":"new"}"#,
            #"{"first_purchase":false, "purchases":12,"segment":"vip"}"#,
            #"{"segment":"vip","first_purchase":false,"purchases":12}"#,
            #"{"first_purchase":true,"purchases":12,"segment":"vip","signup":"2025-06-01"}"#,
            #"{"first_purchase":true,"purchases":12,"segment":"vip","signup":"2025-06-02"}"#,
            #"{"first_purchase":"yes","purchases":12,"segment":"vip"}"#,
            #"{"purchases":-1}"#, #"{"purchases":1}"#, #"{"purchases":1}"#, "{}", "{}", #"{"segment":"whale"}"#,
        ]
        let codes = [#"["VIP2026"]"#, #"["VIP2026"]"#, #"["vip2026"]"#, #"["VIP2027"]"#, #"["VIP2026","OTHER"]"#, "[]", "[]",
                     #"["VIP2026" ]"#, #"["V\u0049P2026"]"#]
        var lines: [[UInt8]] = []
        for (round, user) in users.enumerated() {
            for (index, code) in codes.enumerated() {
                let channel = ["android", "ios", "web"][(round + index) % 3]
                let line = #"{"bundle":"coins_700","region":"DE","channel":"\#(channel)","at":"2026-11-28T19:00:00Z","user":"#
                    + user + #","codes":"# + code + "}"
                // Each line twice in a row, then the next: the second reads what the first kept.
                lines += [Array(line.utf8), Array(line.utf8)]
            }
        }
        let (mismatches, fast) = Self.compare(lines, shop)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(fast > lines.count / 2, "the fast reader took \(fast) of \(lines.count) lines")
    }

    /// Regions are found in the reader's table of pairs of capitals (`RegionCodes`):
    /// every region of the rules, two bytes on either side of the capitals, lowercase,
    /// one letter and three read as the slow path reads them.
    @Test func regionsReadAlikeFoundInTheTableOfCapitals() throws {
        let shop = try ReferenceEvaluatorPropertyTests.sampleShop()
        let given = shop.rules.regions.map(\.code)
        let around = [UInt8(ascii: "@"), UInt8(ascii: "A"), UInt8(ascii: "Z"), UInt8(ascii: "["), UInt8(ascii: "a"), 0xC3]
        var texts = given + given.map { $0.lowercased() } + ["U", "USA", "", "D\u{E9}"]
        for first in around { for second in around { texts.append(String(decoding: [first, second], as: UTF8.self)) } }
        var lines: [[UInt8]] = []
        for text in texts {
            let region = String(decoding: JSONValue.string(text).serialized().utf8, as: UTF8.self)
            lines.append(Array("{\"bundle\":\"coins_70\",\"region\":\(region),\"channel\":\"web\",\"at\":\"2026-11-28T19:00:00Z\"}".utf8))
        }
        let (mismatches, fast) = Self.compare(lines, shop)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        #expect(fast == given.count, "the fast reader took \(fast) lines, the rules have \(given.count) regions")
    }
}
