/// A sentence of the grammar written out as the text of a rules file.
struct RenderedSentence {
    let text: String
    /// The tokens the text was made of, in order: what the lexer must read back.
    let tokens: [String]
}

/// Writes the tokens of a sentence as source text, choosing the spaces between them.
///
/// Where the grammar says `EOL` a line ends; where it says `SAME_LINE` none does;
/// elsewhere a line sometimes ends, and the next line starts in the first column
/// unless the grammar says `INDENTED`. Comments, blank lines, tabs, CRLF line ends
/// and a byte-order mark come now and then, since the grammar says they may.
enum SentenceRenderer {
    /// Tokens written against the token before them, as in `DE,` or `user.segment`.
    private static let tightBefore: Set<String> = [",", ":", ")", "]", "."]
    /// Tokens written against the token after them, as in `[web` or `user.segment`.
    private static let tightAfter: Set<String> = ["(", "[", "."]

    static func render(_ pieces: [SentencePiece], random: inout SplitMix64) -> RenderedSentence {
        let newline = random.oneIn(8) ? "\r\n" : "\n"
        var text = random.oneIn(16) ? "\u{FEFF}" : ""
        if random.oneIn(8) { text += "# \(comment(&random))\(newline)" }
        var tokens: [String] = []
        var layout: Set<EBNFGrammar.LayoutCondition> = []
        for piece in pieces {
            switch piece {
            case .layout(let condition):
                layout.insert(condition)
            case .token(let token):
                if let previous = tokens.last {
                    text += separator(between: previous, and: token, layout: layout, newline: newline, random: &random)
                }
                text += token
                tokens.append(token)
                layout = []
            }
        }
        if !tokens.isEmpty {
            if random.oneIn(6) { text += "  # \(comment(&random))" }
            if !random.oneIn(6) { text += newline }
        }
        return RenderedSentence(text: text, tokens: tokens)
    }

    private static func separator(between previous: String, and token: String, layout: Set<EBNFGrammar.LayoutCondition>,
                                  newline: String, random: inout SplitMix64) -> String {
        let breaksLine = layout.contains(.endOfLine) || (!layout.contains(.sameLine) && random.oneIn(10))
        guard breaksLine else {
            if tightBefore.contains(token) || tightAfter.contains(previous) {
                return random.oneIn(4) ? " " : ""
            }
            return random.oneIn(8) ? random.pick(["  ", "\t", " \t "]) : " "
        }
        var text = random.oneIn(6) ? "  # \(comment(&random))" : ""
        text += newline
        if random.oneIn(10) { text += random.pick(["", "# \(comment(&random))", "  "]) + newline }
        let indents = layout.contains(.indented) ? ["  ", "    ", "\t"] : ["", "  ", "    ", "\t"]
        return text + random.pick(indents)
    }

    /// A comment's text: anything but a line break, `#` included.
    private static func comment(_ random: inout SplitMix64) -> String {
        random.pick(["note", "# twice", "prix € 5", "}", "\"not a string", "when x == 1", "日本"])
    }
}
