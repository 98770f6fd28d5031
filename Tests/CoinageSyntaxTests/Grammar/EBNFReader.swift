/// Reads the text of a W3C-style EBNF grammar into an `EBNFGrammar`.
///
/// `|` binds loosest, then `-`, then a sequence, then the postfix `?`, `*` and `+`,
/// as Docs/Language.md says. A rule's definition runs to the next `name ::=`.
struct EBNFReader {
    private enum Piece: Equatable {
        case name(String)
        case defines
        case literal(String)
        case characters(EBNFGrammar.CharacterSet)
        case symbol(Character)
    }

    private var pieces: [(piece: Piece, line: Int)] = []
    private var position = 0
    private var grammar = EBNFGrammar()
    private var defined: Set<Int> = []

    /// Reads `text`, or throws with the line of the first mistake.
    static func read(_ text: String) throws(EBNFError) -> EBNFGrammar {
        var reader = EBNFReader()
        try reader.split(Array(text.unicodeScalars))
        while reader.position < reader.pieces.count { try reader.readRule() }
        for rule in reader.grammar.ruleNames.indices where !reader.defined.contains(rule) {
            throw EBNFError(description: "rule `\(reader.grammar.ruleNames[rule])` is used but never defined")
        }
        reader.grammar.lexicalRules = reader.grammar.ruleNames.map(EBNFGrammar.isLexical)
        return reader.grammar
    }

    // MARK: - Splitting the text into pieces

    private mutating func split(_ text: [Unicode.Scalar]) throws(EBNFError) {
        var index = 0
        var line = 1
        func at(_ offset: Int) -> Unicode.Scalar? { index + offset < text.count ? text[index + offset] : nil }
        while index < text.count {
            let scalar = text[index]
            if scalar == "\n" { line += 1; index += 1; continue }
            if scalar.properties.isWhitespace { index += 1; continue }
            if scalar == "/", at(1) == "*" {
                index += 2
                while index < text.count, !(text[index] == "*" && at(1) == "/") {
                    if text[index] == "\n" { line += 1 }
                    index += 1
                }
                guard index < text.count else { throw EBNFError(description: "line \(line): a comment is never closed") }
                index += 2
            } else if scalar == ":", at(1) == ":", at(2) == "=" {
                pieces.append((.defines, line)); index += 3
            } else if scalar == "\"" || scalar == "'" {
                var end = index + 1
                while end < text.count, text[end] != scalar, text[end] != "\n" { end += 1 }
                guard end < text.count, text[end] == scalar, end > index + 1 else {
                    throw EBNFError(description: "line \(line): a literal is empty or never closed")
                }
                pieces.append((.literal(String(String.UnicodeScalarView(text[(index + 1)..<end]))), line))
                index = end + 1
            } else if scalar == "[" {
                let (set, end) = try readCharacterSet(text, from: index + 1, line: line)
                pieces.append((.characters(set), line)); index = end
            } else if scalar == "#", at(1) == "x" {
                let (value, end) = try readHex(text, from: index + 2, line: line)
                guard let character = Unicode.Scalar(value) else { throw EBNFError(description: "line \(line): #x\(value) is no character") }
                pieces.append((.literal(String(Character(character))), line)); index = end
            } else if scalar.properties.isAlphabetic || scalar == "_" {
                var end = index
                while end < text.count, text[end].properties.isAlphabetic || text[end] == "_" || ("0"..."9").contains(text[end]) { end += 1 }
                pieces.append((.name(String(String.UnicodeScalarView(text[index..<end]))), line)); index = end
            } else if "|?*+-()".unicodeScalars.contains(scalar) {
                pieces.append((.symbol(Character(scalar)), line)); index += 1
            } else {
                throw EBNFError(description: "line \(line): unexpected `\(scalar)`")
            }
        }
    }

    /// `[a-z_]`, `[^#xA]`: a `-` between two entries makes a range; elsewhere it is itself.
    private func readCharacterSet(_ text: [Unicode.Scalar], from start: Int, line: Int) throws(EBNFError) -> (EBNFGrammar.CharacterSet, Int) {
        var index = start
        let negated = index < text.count && text[index] == "^"
        if negated { index += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        func entry() throws(EBNFError) -> UInt32 {
            if text[index] == "#", index + 1 < text.count, text[index + 1] == "x" {
                let (value, end) = try readHex(text, from: index + 2, line: line)
                index = end
                return value
            }
            defer { index += 1 }
            return text[index].value
        }
        while index < text.count, text[index] != "]", text[index] != "\n" {
            let low = try entry()
            if index + 1 < text.count, text[index] == "-", text[index + 1] != "]" {
                index += 1
                let high = try entry()
                guard low <= high else { throw EBNFError(description: "line \(line): an empty character range") }
                ranges.append(low...high)
            } else {
                ranges.append(low...low)
            }
        }
        guard index < text.count, text[index] == "]", !ranges.isEmpty else {
            throw EBNFError(description: "line \(line): a character set is empty or never closed")
        }
        return (EBNFGrammar.CharacterSet(negated: negated, ranges: ranges), index + 1)
    }

    private func readHex(_ text: [Unicode.Scalar], from start: Int, line: Int) throws(EBNFError) -> (UInt32, Int) {
        var end = start
        var value: UInt32 = 0
        while end < text.count, let digit = UInt32(String(text[end]), radix: 16), end - start < 6 {
            value = value * 16 + digit
            end += 1
        }
        guard end > start else { throw EBNFError(description: "line \(line): `#x` without hexadecimal digits") }
        return (value, end)
    }

    // MARK: - Rules and expressions

    private mutating func readRule() throws(EBNFError) {
        let line = pieces[position].line
        guard case .name(let name) = pieces[position].piece, position + 1 < pieces.count,
              pieces[position + 1].piece == .defines else {
            throw EBNFError(description: "line \(line): expected `name ::=`")
        }
        guard EBNFGrammar.LayoutCondition(rawValue: name) == nil else {
            throw EBNFError(description: "line \(line): `\(name)` is a layout word and cannot be defined")
        }
        position += 2
        let rule = ruleNumber(name)
        guard defined.insert(rule).inserted else { throw EBNFError(description: "line \(line): rule `\(name)` is defined twice") }
        grammar.ruleBodies[rule] = try readChoice()
        if position < pieces.count, !startsRule(at: position) {
            throw EBNFError(description: "line \(pieces[position].line): unexpected \(pieces[position].piece) in rule `\(name)`")
        }
    }

    private mutating func ruleNumber(_ name: String) -> Int {
        if let rule = grammar.ruleIndex[name] { return rule }
        grammar.ruleIndex[name] = grammar.ruleNames.count
        grammar.ruleNames.append(name)
        grammar.ruleBodies.append(-1)
        return grammar.ruleNames.count - 1
    }

    private func startsRule(at index: Int) -> Bool {
        guard case .name = pieces[index].piece else { return false }
        return index + 1 < pieces.count && pieces[index + 1].piece == .defines
    }

    private mutating func add(_ node: EBNFGrammar.Node) -> Int {
        grammar.nodes.append(node)
        return grammar.nodes.count - 1
    }

    private func at(_ symbol: Character) -> Bool {
        position < pieces.count && pieces[position].piece == .symbol(symbol)
    }

    private mutating func readChoice() throws(EBNFError) -> Int {
        var items = [try readException()]
        while at("|") { position += 1; items.append(try readException()) }
        return items.count == 1 ? items[0] : add(.choice(items))
    }

    private mutating func readException() throws(EBNFError) -> Int {
        let item = try readSequence()
        guard at("-") else { return item }
        position += 1
        return add(.exception(item, try readSequence()))
    }

    private mutating func readSequence() throws(EBNFError) -> Int {
        var items: [Int] = []
        while position < pieces.count, !at("|"), !at(")"), !at("-"), !startsRule(at: position) {
            items.append(try readPostfix())
        }
        guard !items.isEmpty else {
            throw EBNFError(description: "line \(pieces[min(position, pieces.count - 1)].line): an empty alternative")
        }
        return items.count == 1 ? items[0] : add(.sequence(items))
    }

    private mutating func readPostfix() throws(EBNFError) -> Int {
        var item = try readPrimary()
        while true {
            if at("?") { item = add(.optional(item)) } else if at("*") { item = add(.zeroOrMore(item)) } else if at("+") {
                item = add(.oneOrMore(item))
            } else { return item }
            position += 1
        }
    }

    private mutating func readPrimary() throws(EBNFError) -> Int {
        let (piece, line) = pieces[position]
        position += 1
        switch piece {
        case .literal(let text): return add(.literal(text))
        case .characters(let set): return add(.characters(set))
        case .name(let name):
            if let layout = EBNFGrammar.LayoutCondition(rawValue: name) { return add(.layout(layout)) }
            return add(.rule(ruleNumber(name)))
        case .symbol("("):
            let inner = try readChoice()
            guard at(")") else { throw EBNFError(description: "line \(line): `(` is never closed") }
            position += 1
            return inner
        default:
            throw EBNFError(description: "line \(line): unexpected \(piece)")
        }
    }
}
