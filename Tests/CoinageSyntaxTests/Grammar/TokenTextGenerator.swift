import CoinageTestSupport
/// Makes the text of single tokens from the lexical rules of the grammar.
///
/// A token is made from its rule's expression, one random character at a time, and
/// remade until it meets the checks the grammar states in prose only (a date that
/// exists, the size limits). Names are now and then keywords of the grammar, since
/// keywords are contextual and `bundle region: ...` is a bundle named `region`.
struct TokenTextGenerator {
    let grammar: EBNFGrammar
    let lexical: LexicalMatcher
    /// The keywords of the syntax rules, in a fixed order.
    private let keywords: [String]

    /// Characters to draw from a negated set such as `[^#xA]`: printable ASCII, a tab,
    /// and a few characters from outside ASCII.
    private static let palette: [UInt32] = Array(0x20...0x7E) + [0x09, 0xE9, 0x20AC, 0x65E5, 0x1F600]

    init(grammar: EBNFGrammar, lexical: LexicalMatcher) {
        self.grammar = grammar
        self.lexical = lexical
        self.keywords = grammar.keywords.sorted()
    }

    /// A token for the lexical rule `rule`.
    func text(forRule rule: Int, random: inout SplitMix64) -> String {
        if random.oneIn(5) {
            let fitting = keywords.filter { lexical.matches(rule: rule, $0) }
            if !fitting.isEmpty { return random.pick(fitting) }
        }
        for _ in 0..<100 {
            var scalars: [UInt32] = []
            generate(grammar.ruleBodies[rule], into: &scalars, random: &random)
            let text = Self.string(scalars)
            if Self.meetsSideConditions(text) { return text }
        }
        return ""
    }

    /// A token for a literal or lexical rule `node` that `excluded` does not match
    /// (`NAME - "from"`).
    func text(forNode node: Int, except excluded: Int, random: inout SplitMix64) -> String {
        for _ in 0..<100 {
            let text: String = switch grammar.nodes[node] {
            case .literal(let literal): literal
            case .rule(let rule): self.text(forRule: rule, random: &random)
            default: ""
            }
            if !lexical.matchesToken(node: excluded, text: text) { return text }
        }
        return ""
    }

    private func generate(_ node: Int, into scalars: inout [UInt32], random: inout SplitMix64) {
        switch grammar.nodes[node] {
        case .literal(let literal):
            scalars += literal.unicodeScalars.map(\.value)
        case .characters(let set):
            scalars.append(Self.pick(from: set, random: &random))
        case .rule(let rule):
            generate(grammar.ruleBodies[rule], into: &scalars, random: &random)
        case .layout:
            break
        case .sequence(let items):
            for item in items { generate(item, into: &scalars, random: &random) }
        case .choice(let items):
            generate(random.pick(items), into: &scalars, random: &random)
        case .optional(let item):
            if random.oneIn(2) { generate(item, into: &scalars, random: &random) }
        case .zeroOrMore(let item):
            for _ in 0..<random.below(5) { generate(item, into: &scalars, random: &random) }
        case .oneOrMore(let item):
            for _ in 0..<(1 + random.below(4)) { generate(item, into: &scalars, random: &random) }
        case .exception(let item, let excluded):
            for _ in 0..<100 {
                var part: [UInt32] = []
                generate(item, into: &part, random: &random)
                if !lexical.ends(excluded, part, from: 0).contains(part.count) {
                    scalars += part
                    return
                }
            }
        }
    }

    private static func pick(from set: EBNFGrammar.CharacterSet, random: inout SplitMix64) -> UInt32 {
        if set.negated {
            let allowed = palette.filter { set.contains($0) }
            return allowed.isEmpty ? 0x20 : random.pick(allowed)
        }
        let total = set.ranges.reduce(0) { $0 + Int($1.upperBound - $1.lowerBound) + 1 }
        var offset = random.below(total)
        for range in set.ranges {
            let size = Int(range.upperBound - range.lowerBound) + 1
            if offset < size { return range.lowerBound + UInt32(offset) }
            offset -= size
        }
        return set.ranges[0].lowerBound
    }

    private static func string(_ scalars: [UInt32]) -> String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    // MARK: - The checks on single tokens that the grammar states in prose

    /// True when `text` meets the checks of "What the grammar does not say": at most
    /// 256 bytes; a date that exists; a number within the digit and value limits.
    /// Dates and numbers are told by their shape, which is cheaper than a match and
    /// enough for texts that fit the lexical rules.
    static func meetsSideConditions(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= 256 else { return false }
        func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
        guard let first = bytes.first, isDigit(first) else { return true }
        if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(bytes[$0]) }) {
            return dateExists(Array(bytes.prefix(10)))
        }
        if bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "%") }) {
            return numberIsWithinLimits(text)
        }
        return true
    }

    /// Whether a date's day is in its month. Months and days outside 01-12 and 01-31
    /// are the lexical rules' business, so they pass here: this check must not hide
    /// a mistake in `MONTH` or `DAY`.
    private static func dateExists(_ bytes: [UInt8]) -> Bool {
        func value(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1) - 48 } }
        let (year, month, day) = (value(0..<4), value(5..<7), value(8..<10))
        guard (1...12).contains(month), (1...31).contains(day) else { return true }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= days[month - 1]
    }

    /// At most 30 digits, at most 18 after the point, and below `Int64.max` without the point.
    private static func numberIsWithinLimits(_ text: String) -> Bool {
        let digits = text.utf8.filter { (48...57).contains($0) }
        let decimals = text.split(separator: ".").dropFirst().first.map { $0.utf8.count { (48...57).contains($0) } } ?? 0
        guard digits.count <= 30, decimals <= 18 else { return false }
        var value: Int64 = 0
        for digit in digits {
            let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(Int64(digit - 48))
            if overflowA || overflowB { return false }
            value = sum
        }
        return value < Int64.max
    }
}
