import CoinageChecker
import CoinageJSON
import CoinageSyntax

/// `textDocument/completion`: what may be written where the cursor is.
///
/// At the start of a line outside a block, the declaration keywords; at the start
/// of a line in a promotion or an experiment, its clause keywords, in an
/// experiment's arm, the declarations an arm may hold, and in a test, its line
/// keywords; after `user.`, the declared attributes; a word starting with a capital
/// letter, the region and currency codes (declared first, then ISO 3166 and ISO
/// 4217); any other word, the declared names.
extension LanguageServer {
    static let declarationKeywords = ["base currency", "stacking", "floor", "currency", "rate", "round", "region", "market",
                                      "channel", "bundle", "custom", "price", "user", "promotion", "gift", "payout", "test",
                                      "guard", "allow", "unit", "points", "experiment"]
    static let promotionKeywords = ["when", "during", "every", "code", "limit", "discount", "price", "bonus", "priority",
                                    "exclusive", "group"]
    static let experimentKeywords = ["during", "audience", "unit", "salt", "arm"]
    static let armKeywords = ["price", "promotion", "region", "channel", "bundle", "custom", "round", "rate", "points"]
    static let testKeywords = ["quote", "arm", "user", "code", "redeemed", "expect price", "expect total", "expect list",
                               "expect tax", "expect proceeds", "expect discount", "expect coins", "expect applied",
                               "expect not applied", "expect error"]

    func completion(_ params: Params) throws(RPCError) -> JSONValue {
        guard let (snapshot, file, offset) = try locate(params) else { return .null }
        let lineStart = file.lines.start(ofLine: file.lines.lineIndex(containing: offset))
        let before = Array(file.bytes[lineStart..<min(offset, file.bytes.count)])
        var wordStart = before.count
        while wordStart > 0, Self.isWordByte(before[wordStart - 1]) { wordStart -= 1 }
        let word = String(decoding: before[wordStart...], as: UTF8.self)
        let lead = String(decoding: before[..<wordStart], as: UTF8.self)
        let block = enclosingBlock(snapshot, file: file.id, offset: offset)

        var items: [(label: String, kind: Int, detail: String)] = []
        if lead.hasSuffix("user.") {
            items = snapshot.index.declaredKeys.filter { $0.kind == .attribute }.map { ($0.name, 5, "user attribute") }
        } else if lead.allSatisfy({ $0 == " " || $0 == "\t" }) && block != nil {
            let keywords = switch block {
            case "promotion": Self.promotionKeywords
            case "experiment": Self.experimentKeywords
            case "arm": Self.armKeywords
            default: Self.testKeywords
            }
            items = keywords.map { ($0, 14, "\(block ?? "") clause") }
        } else if lead.isEmpty && block == nil {
            items = Self.declarationKeywords.map { ($0, 14, "declaration") }
        } else if let first = word.unicodeScalars.first, ("A"..."Z").contains(first) {
            let declared = snapshot.index.declaredKeys.filter(\.kind.isCode)
            items = declared.map { ($0.name, 21, $0.kind.rawValue) }
            items += ISO4217.entries.map { ($0.code, 21, "currency: \($0.name)") }
            items += ISO3166.entries.map { ($0.code, 21, "region: \($0.name)") }
        } else {
            let kinds = Self.expectedKinds(after: lead)
            items = snapshot.index.declaredKeys.filter { kinds?.contains($0.kind) ?? !$0.kind.isCode }
                .map { ($0.name, Self.completionKind($0.kind), $0.kind.rawValue) }
        }
        var seen = Set<String>()
        let matching = items.filter { $0.label.hasPrefix(word) && seen.insert($0.label).inserted }
        let kept = matching.prefix(LSPLimits.maxCompletionItems)
        return .object([
            ("isIncomplete", .bool(kept.count < matching.count)),
            ("items", .array(kept.map { item in
                .object([("label", .string(item.label)), ("kind", .integer(Int64(item.kind))), ("detail", .string(item.detail))])
            })),
        ])
    }

    /// `promotion`, `test`, `experiment` or `arm` when `offset` is inside such a
    /// block: after its `{` and before its `}`.
    private func enclosingBlock(_ snapshot: Snapshot, file: SourceFileID, offset: Int) -> String? {
        let bytes = snapshot.sources[file].bytes
        // Read back from the cursor to an unclosed `{` (text being written may not parse yet).
        var index = min(offset, bytes.count) - 1
        var depth = 0
        while index >= 0 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "}") { depth += 1 }
            if byte == UInt8(ascii: "{") {
                if depth == 0 { return Self.blockKeyword(bytes, before: index) }
                depth -= 1
            }
            // A line starting in the first column with a word ends the search: a new declaration.
            if byte == 0x0A, index + 1 < offset, Self.isWordByte(bytes[index + 1]), depth == 0 { return nil }
            index -= 1
        }
        return nil
    }

    private static func blockKeyword(_ bytes: [UInt8], before brace: Int) -> String? {
        let lineStart = (bytes[..<brace].lastIndex(of: 0x0A) ?? -1) + 1
        // Indented: an arm, and a promotion in an arm.
        let line = String(decoding: bytes[lineStart..<brace], as: UTF8.self).drop(while: { $0 == " " || $0 == "\t" })
        if line.hasPrefix("promotion") { return "promotion" }
        if line.hasPrefix("test") { return "test" }
        if line.hasPrefix("experiment") { return "experiment" }
        if line.hasPrefix("arm ") || line.hasPrefix("arm\t") { return "arm" }
        return nil
    }

    /// The kinds of name that may stand after `lead` (the line before the word):
    /// after `bundle ==` or `bundle in [a, `, bundles; after `channel` or `on`,
    /// channels; after `expect applied`, promotions...; nil when anything may.
    static func expectedKinds(after lead: String) -> Set<SymbolKind>? {
        let tokens = lead.split { " \t[](),".contains($0) }
        // `quote coins_700 in `, `price coins_70 in `: where it is sold.
        if tokens.last == "in", let first = tokens.first, ["quote", "price", "round"].contains(first) { return [.region, .market] }
        for token in tokens.reversed() {
            switch token {
            case "bundle", "quote", "price": return [.bundle, .customAmount]
            case "region": return [.market, .region]
            case "currency": return [.currency]
            case "channel", "on": return [.channel]
            case "group": return [.group]
            case "applied", "redeemed": return [.promotion]
            case "points": return [.points]
            case "==", "!=", "in", "not": continue
            default:
                // A name already in the list (`[coins_700, `) keeps the field before it.
                if token.first.map({ $0.isLowercase }) ?? false, !["and", "or", "when", "expect", "for"].contains(String(token)) { continue }
                return nil
            }
        }
        return nil
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The LSP `CompletionItemKind` of a declared name.
    private static func completionKind(_ kind: SymbolKind) -> Int {
        switch kind {
        case .promotion: 3       // Function
        case .attribute: 6       // Variable
        case .market: 9          // Module
        case .channel: 8         // Interface
        case .group: 13          // Enum
        case .bundle, .customAmount, .gift: 22  // Struct
        case .points: 7          // Class
        case .region, .currency: 21  // Constant
        }
    }
}
