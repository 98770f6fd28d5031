import Coinage
@testable import CoinageChecker
import Testing

/// `UserAttribute.read`, the one reader of user values: the CLI's `--user` text,
/// the batch reader's typed JSON values and a `test` block's literals all go
/// through it, by the declared type and, for a test block, the whole declaration.
@Suite struct UserValueReadingTests {
    static let span = SourceSpan(file: SourceFileID(0), start: 0, end: 0)
    static let flag = UserAttribute(name: "first_purchase", kind: .bool, span: span)
    static let count = UserAttribute(name: "purchases", kind: .int(0...1_000), span: span)
    static let anyCount = UserAttribute(name: "score", kind: .int(nil), span: span)
    static let joined = UserAttribute(name: "joined", kind: .date, span: span)
    static let segment = UserAttribute(name: "segment", kind: .oneOf(["new", "casual", "vip"]), span: span)

    static let date = CivilDate(year: 2026, month: 1, day: 31)

    /// Text as `--user NAME=VALUE` gives it, read by the declared type.
    @Test(arguments: [
        (flag, "true", UserValue.bool(true)), (flag, "false", .bool(false)),
        (count, "12", .int(12)), (count, "1_000", .int(1_000)), (count, "-3", .int(-3)), (count, "5000", .int(5_000)),
        (anyCount, "-9223372036854775807", .int(-9_223_372_036_854_775_807)),
        (segment, "vip", .value("vip")), (segment, "gold", .value("gold")),
    ] as [(UserAttribute, String, UserValue)])
    func textIsReadByTheDeclaredType(attribute: UserAttribute, text: String, expected: UserValue) {
        #expect(attribute.read(.text(text)) == .success(expected))
    }

    @Test func aDateIsReadFromItsTenCharacters() throws {
        let date = try #require(Self.date)
        #expect(Self.joined.read(.text("2026-01-31")) == .success(.date(date)))
    }

    @Test(arguments: [
        (flag, "yes"), (flag, "TRUE"), (flag, "1"),
        (count, "twelve"), (count, "1.5"), (count, ""), (count, "--3"), (count, "99999999999999999999"),
        (joined, "2026-02-30"), (joined, "2026-01-31T10:00Z"), (joined, "31.01.2026"),
    ] as [(UserAttribute, String)])
    func textOfAnotherTypeIsRefused(attribute: UserAttribute, text: String) {
        #expect(attribute.read(.text(text)) == .failure(.wrongType))
    }

    @Test func typedLiteralsMustMatchTheDeclaredType() throws {
        let date = try #require(Self.date)
        #expect(Self.flag.read(.bool(true)) == .success(.bool(true)))
        #expect(Self.count.read(.integer(7)) == .success(.int(7)))
        #expect(Self.joined.read(.date(date)) == .success(.date(date)))
        #expect(Self.segment.read(.word("vip")) == .success(.value("vip")))
        #expect(Self.flag.read(.integer(1)) == .failure(.wrongType))
        #expect(Self.count.read(.bool(false)) == .failure(.wrongType))
        #expect(Self.count.read(.word("vip")) == .failure(.wrongType))
        #expect(Self.joined.read(.integer(20_260_131)) == .failure(.wrongType))
        #expect(Self.segment.read(.bool(true)) == .failure(.wrongType))
    }

    @Test func byTypeOnlyARangeAndTheValuesAreLeftToTheQuote() {
        // The quote refuses these with a message naming the declaration.
        #expect(Self.count.read(.integer(5_000)) == .success(.int(5_000)))
        #expect(Self.segment.read(.word("gold")) == .success(.value("gold")))
    }

    @Test func byDeclarationTheRangeAndTheValuesAreChecked() {
        #expect(Self.count.read(.integer(1_000), .declaration) == .success(.int(1_000)))
        #expect(Self.count.read(.integer(1_001), .declaration) == .failure(.outOfRange(0...1_000)))
        #expect(Self.count.read(.integer(-1), .declaration) == .failure(.outOfRange(0...1_000)))
        #expect(Self.anyCount.read(.integer(.min), .declaration) == .success(.int(.min)))
        #expect(Self.segment.read(.word("vip"), .declaration) == .success(.value("vip")))
        #expect(Self.segment.read(.word("gold"), .declaration) == .failure(.notAValue))
        #expect(Self.segment.read(.text("gold"), .declaration) == .failure(.notAValue))
        #expect(Self.count.read(.word("vip"), .declaration) == .failure(.wrongType))
    }

    @Test func aGivenSetOfValuesIsWhatAWordIsLookedUpIn() {
        #expect(Self.segment.read(.word("vip"), .declaration, values: ["vip"]) == .success(.value("vip")))
        #expect(Self.segment.read(.word("new"), .declaration, values: ["vip"]) == .failure(.notAValue))
    }

    @Test func aValueReadsBackFromItsRuleText() {
        let values: [(UserAttribute, UserValue)] = [
            (Self.flag, .bool(false)), (Self.count, .int(12)), (Self.anyCount, .int(-40)),
            (Self.segment, .value("casual")),
        ] + (Self.date.map { [(Self.joined, UserValue.date($0))] } ?? [])
        for (attribute, value) in values {
            #expect(attribute.read(.text(value.ruleText)) == .success(value))
        }
    }
}
