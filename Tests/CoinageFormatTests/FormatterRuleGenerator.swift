import CoinageTestSupport
/// A seeded generator of rules files that parse, written as untidily as the
/// language allows: random spacing and tabs, attributes in any order, lists and
/// conditions broken over lines, blank lines, one-line blocks, and comments at
/// every place a comment can stand.
struct FormatterRuleGenerator {
    private var random: SplitMix64
    private var commentCount = 0

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { random.next() }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int(random.int(Int64(range.lowerBound)...Int64(range.upperBound)))
    }

    mutating func chance(_ percent: Int) -> Bool { random.chance(percent) }

    mutating func pick<T>(_ values: [T]) -> T { random.pick(values) }

    // MARK: - Pieces of a declaration

    /// A token, or a place where the line may break.
    enum Piece {
        case token(String)
        case lineBreak
    }

    mutating func comment() -> String {
        commentCount += 1
        return pick(["# c\(commentCount)", "#c\(commentCount)", "## c\(commentCount) ##", "# c\(commentCount)   ", "#\tc\(commentCount)"])
    }

    mutating func space() -> String { pick([" ", " ", " ", "  ", "\t", "   "]) }

    /// Joins pieces on one line, or over several where a break may stand, with
    /// comments after a broken line and on lines of their own.
    mutating func render(_ pieces: [Piece], indent: String) -> String {
        var text = ""
        var previous: String?
        for piece in pieces {
            switch piece {
            case .lineBreak:
                guard chance(30) else { continue }
                if chance(50) { text += space() + comment() }
                text += "\n"
                if chance(30) { text += indent + "    " + comment() + "\n" }
                text += indent + pick(["    ", "      ", "\t  "])
                previous = nil
            case .token(let token):
                if let previous, needsSpace(previous, token) || chance(30) { text += space() }
                text += token
                previous = token
            }
        }
        return text
    }

    private func needsSpace(_ left: String, _ right: String) -> Bool {
        let punctuation: Set<String> = [",", ":", "[", "]", "(", ")", "{", "}", ".", "==", "!=", "<", "<=", ">", ">=", "="]
        return !punctuation.contains(left) && !punctuation.contains(right)
    }

    func tokens(_ text: String) -> [Piece] { text.split(separator: " ").map { .token(String($0)) } }

    /// `a, b, c` with a possible break after each comma, optionally in brackets.
    func list(_ items: [String], brackets: Bool = false) -> [Piece] {
        var pieces: [Piece] = brackets ? [.token("[")] : []
        for (index, item) in items.enumerated() {
            if index > 0 { pieces += [.token(","), .lineBreak] }
            pieces.append(.token(item))
        }
        return pieces + (brackets ? [.token("]")] : [])
    }

    // MARK: - Literals and names

    let names = ["coins_70", "coins_700", "web", "ios", "android", "eurozone", "vip", "casual", "weekend", "black_friday", "rose"]
    let regions = ["DE", "FR", "US", "JP", "GB", "IN"]
    let currencies = ["USD", "EUR", "JPY", "GBP", "INR"]
    let zones = ["Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata"]

    mutating func integer() -> String { pick(["1", "7", "30", "100", "1000", "1_000", "2_500_000", "10_000", "44_999"]) }
    mutating func decimal() -> String { pick(["0.92", "4.99", "0.0106", "1.00", "150", "1_460", "0.050", "19.99"]) }
    mutating func percent() -> String { pick(["20%", "12.5%", "0%", "100%", "7.25%", "3%"]) }
    mutating func money() -> String { "\(decimal()) \(pick(currencies))" }
    mutating func name() -> String { pick(names) }
    mutating func date() -> String { pick(["2026-11-27", "2026-01-01", "2026-11-27T18:00", "2026-12-31T23:59:30"]) }

    // MARK: - Declarations

    /// One top-level declaration, as text without a final newline.
    mutating func declaration() -> String {
        switch int(0...17) {
        case 0: render(tokens("base currency \(pick(currencies))"), indent: "")
        case 1: render(tokens("stacking \(pick(["additive", "compound"]))"), indent: "")
        case 2: render(tokens("floor \(percent())"), indent: "")
        case 3: render(tokens("currency XTS exponent \(int(0...6))"), indent: "")
        case 4: render(tokens("rate \(pick(currencies)) \(decimal())"), indent: "")
        case 5: render(tokens("round \(pick(currencies)) \(roundingStep())"), indent: "")
        case 6: roundingTiers()
        case 7: region()
        case 8: render([.token("market"), .token(name()), .token(":")] + list((0...int(0...4)).map { _ in pick(regions) }), indent: "")
        case 9: channel()
        case 10: bundle()
        case 11: custom()
        case 12: price()
        case 13: user()
        case 14: render(tokens("gift \(name()) : \(integer()) \(pick(["coin", "coins"]))"), indent: "")
        case 15: render(tokens(pick(["guard discount at most \(percent())", "guard price per coin falls with size",
                                     "guard region price within \(percent()) of base"])), indent: "")
        case 16: block("payout", lines: (0...int(0...3)).map { _ in payoutClause() })
        default:
            if chance(50) {
                block("promotion \(name())", lines: (0...int(0...5)).map { _ in promotionClause() })
            } else {
                block("test \"\(pick(["t", "black friday", "ünïcode ✓", "quote \\\"x\\\""]))\"",
                      lines: (0...int(0...4)).map { _ in testLine() })
            }
        }
    }

    private mutating func roundingStep() -> String {
        "\(pick(["nearest", "up", "down"])) \(decimal())" + (chance(50) ? " ending \(decimal())" : "")
    }

    private mutating func roundingTiers() -> String {
        let tiers = (0...int(0...2)).map { _ in tokens("below \(decimal()) : \(roundingStep())") } + [tokens("else : \(roundingStep())")]
        return block("round \(pick(currencies))", lines: tiers)
    }

    private mutating func region() -> String {
        var attributes: [[Piece]] = []
        if chance(60) { attributes.append(tokens("tax \(percent()) \(pick(["included", "added"]))")) }
        if chance(60) { attributes.append(tokens("zone \(pick(zones))")) }
        if chance(40) { attributes.append(tokens("level \(percent())")) }
        attributes.shuffle(using: &self)
        var pieces = tokens("region \(pick(regions)) : \(pick(currencies))")
        for attribute in attributes { pieces += [.token(","), .lineBreak] + attribute }
        return render(pieces, indent: "")
    }

    private mutating func channel() -> String {
        var attributes: [[Piece]] = []
        if chance(60) { attributes.append(tokens("fee \(percent())")) }
        if chance(50) { attributes.append(tokens("level \(percent())")) }
        attributes.shuffle(using: &self)
        var pieces = tokens("channel \(name())")
        for (index, attribute) in attributes.enumerated() {
            pieces += (index == 0 ? [.token(":")] : [.token(","), .lineBreak]) + attribute
        }
        return render(pieces, indent: "")
    }

    private mutating func bundle() -> String {
        var pieces = tokens("bundle \(name()) : \(integer()) \(pick(["coins", "coin"])) , \(money())")
        if chance(50) { pieces += [.token(","), .lineBreak] + tokens("bonus \(integer()) coins") }
        return render(pieces, indent: "")
    }

    private mutating func custom() -> String {
        var pieces = tokens("custom \(name()) : \(integer()) to \(integer()) , \(money()) each")
        switch int(0...2) {
        case 0: break
        case 1: pieces += [.token(","), .token("on"), .token(name())]
        default: pieces += [.token(","), .token("on")] + list((0...int(0...2)).map { _ in name() }, brackets: true)
        }
        return render(pieces, indent: "")
    }

    private mutating func price() -> String {
        var pieces = tokens("price \(name())")
        let scope = int(0...2)
        if scope > 0 { pieces += tokens("in \(chance(50) ? pick(regions) : name())") }
        if scope == 0 || scope == 2 { pieces += tokens("on \(name())") }
        return render(pieces + [.token(":")] + tokens(money()), indent: "")
    }

    private mutating func user() -> String {
        let head = tokens("user \(name()) :")
        switch int(0...4) {
        case 0: return render(head + [.token("bool")], indent: "")
        case 1: return render(head + [.token("date")], indent: "")
        case 2: return render(head + [.token("int")], indent: "")
        case 3: return render(head + tokens("int \(integer()) to \(integer())"), indent: "")
        default: return render(head + tokens("one of") + list((0...int(0...3)).map { _ in name() }), indent: "")
        }
    }
}

extension FormatterRuleGenerator: RandomNumberGenerator {}
