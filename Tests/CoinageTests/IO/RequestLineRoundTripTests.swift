@testable import CoinageAnalysis
@testable import CoinageChecker
@testable import CoinageDiff
@testable import CoinageEngine
import CoinageFoundation
@testable import CoinageIO
@testable import CoinageRuleTests
import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// Seeded random requests written as JSON lines, with random escapes in their keys
/// and strings and random whitespace, read back by `RequestLineParser`: the same
/// request every time, whether its strings are the rule set's names or not.
@Suite struct RequestLineRoundTripTests {
    /// Writes a request as a line the parser accepts.
    struct LineWriter {
        var rng: SplitMix64
        let formatter: ISO8601DateFormatter = {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            return formatter
        }()

        private mutating func space() -> String { rng.next() % 4 == 0 ? rng.pick([" ", "\t", "  ", "\r\n "]) : "" }

        /// A JSON string, each character now and then as a `\u` escape (a surrogate
        /// pair beyond the BMP), `"`, `\` and control characters always escaped.
        mutating func string(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if scalar == "\"" || scalar == "\\" {
                    out += rng.bool() ? "\\" + String(scalar) : String(format: "\\u%04x", value)
                } else if value < 0x20 || rng.next() % 6 == 0 {
                    if value > 0xFFFF {
                        let offset = value - 0x10000
                        out += String(format: "\\u%04x\\u%04x", 0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF))
                    } else {
                        out += String(format: rng.bool() ? "\\u%04x" : "\\u%04X", value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }

        private mutating func member(_ key: String, _ value: String) -> String {
            space() + string(key) + space() + ":" + space() + value + space()
        }

        private mutating func object(_ members: [(String, String)]) -> String {
            var members = members
            // Members in any order: the parser must not care.
            for index in members.indices.reversed() { members.swapAt(index, Int(rng.next() % UInt64(index + 1))) }
            var parts: [String] = []
            for (key, value) in members { parts.append(member(key, value)) }
            return "{" + parts.joined(separator: ",") + space() + "}"
        }

        mutating func line(_ request: QuoteRequest) -> String {
            var members: [(String, String)] = []
            switch request.item {
            case .bundle(let name): members.append(("bundle", string(name)))
            case .coins(let count): members.append(("coins", "\(count)"))
            }
            members.append(("region", string(request.region)))
            if let channel = request.channel { members.append(("channel", string(channel))) } else if rng.bool() {
                members.append(("channel", "null"))
            }
            members.append(("at", string(formatter.string(from: Date(timeIntervalSince1970: TimeInterval(request.instant))))))
            if !request.user.isEmpty || rng.bool() {
                var facts: [(String, String)] = []
                for (name, value) in request.user.sorted(by: { $0.key < $1.key }) {
                    switch value {
                    case .bool(let flag): facts.append((name, "\(flag)"))
                    case .int(let number): facts.append((name, "\(number)"))
                    case .date(let date): facts.append((name, string("\(date)")))
                    case .value(let text): facts.append((name, string(text)))
                    }
                }
                members.append(("user", object(facts)))
            }
            if !request.codes.isEmpty || rng.bool() {
                var codes: [String] = []
                for code in request.codes { codes.append(space() + string(code) + space()) }
                members.append(("codes", "[" + codes.joined(separator: ",") + "]"))
            }
            if !request.redemptions.isEmpty {
                var counters: [(String, String)] = []
                for (name, used) in request.redemptions.sorted(by: { $0.key < $1.key }) {
                    counters.append((name, object([("total", "\(used.total)"), ("user", "\(used.perUser)")])))
                }
                members.append(("redemptions", object(counters)))
            }
            if request.explain || rng.bool() { members.append(("explain", "\(request.explain)")) }
            return space() + object(members) + space()
        }
    }

    /// Whether the line format can say `request`: a positive count of coins, only
    /// the rule set's promotions in `redemptions`, and a string given for a date
    /// attribute is read as a date, so only dates go there.
    static func isWritable(_ request: QuoteRequest, rules: RuleSet) -> Bool {
        if case .coins(let count) = request.item, count < 1 { return false }
        if request.redemptions.keys.contains(where: { name in !rules.promotions.contains { $0.name == name } }) { return false }
        for (name, value) in request.user {
            let isDate = if case .date? = rules.userAttribute(name)?.kind { true } else { false }
            if case .date = value, !isDate { return false }
            if case .value = value, isDate { return false }
        }
        return true
    }

    static func compare(_ rules: RuleSet, seed: UInt64, count: Int) -> (mismatches: [String], lines: Int) {
        var requests = RequestGenerator(rules: rules, seed: seed)
        requests.faultPercent = 20
        var writer = LineWriter(rng: SplitMix64(seed: seed ^ 0x11E))
        let context = RequestLineParser.Context(rules: rules)
        var mismatches: [String] = []
        var lines = 0
        for _ in 0..<count {
            let request = requests.next()
            guard isWritable(request, rules: rules) else { continue }
            let line = writer.line(request)
            lines += 1
            let parsed = RequestLineParser.parse(Array(line.utf8)[...], context: context, now: 0)
            if parsed != .success(request), mismatches.count < 5 {
                mismatches.append("\(line)\n  wrote:  \(request)\n  read:   \(parsed)")
            }
        }
        return (mismatches, lines)
    }

    @Test func theSampleShopsRequestsReadBackAsWritten() throws {
        let rules = try ReferenceEvaluatorPropertyTests.sampleShop().rules
        let (mismatches, lines) = Self.compare(rules, seed: 0x2EAD, count: 1_500)
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        #expect(lines >= 1_300)
    }

    @Test func randomRuleSetsRequestsReadBackAsWritten() throws {
        for seed in 0..<UInt64(20) {
            var generator = WalkRuleGenerator(seed: 0xBEAD + seed)
            guard let rules = CompiledWalkPropertyTests.shop(generator.text())?.rules else { continue }
            let (mismatches, _) = Self.compare(rules, seed: seed, count: 150)
            #expect(mismatches.isEmpty, "rule set \(seed):\n\(mismatches.joined(separator: "\n"))")
        }
    }

    @Test func theWriterEscapesAsJSONDoes() throws {
        var writer = LineWriter(rng: SplitMix64(seed: 1))
        for text in ["plain", "quote \" and \\ backslash", "tab\tnew\nline\u{01}", "café 日本 😀", ""] {
            let written = writer.string(text)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(written)]".utf8)) as? [String]
            #expect(decoded == [text], "\(written)")
        }
    }
}
