import CoinageSyntax

/// What a name in the rules names.
package enum SymbolKind: String, Sendable, CaseIterable {
    case bundle
    case customAmount = "custom amount"
    case region
    case market
    case channel
    case currency
    case attribute = "user attribute"
    case group
    case gift
    case promotion
    case points = "price-point table"

    /// The LSP `SymbolKind` number an outline shows it with.
    var lspKind: Int {
        switch self {
        case .bundle, .customAmount: 19  // Object
        case .region: 3                  // Namespace
        case .market: 2                  // Module
        case .channel: 11                // Interface
        case .currency: 14               // Constant
        case .attribute: 13              // Variable
        case .group: 10                  // Enum
        case .gift: 23                   // Struct
        case .promotion: 12              // Function
        case .points: 18                 // Array
        }
    }

    /// True for region and currency codes (`DE`, `EUR`), false for lowercase names.
    var isCode: Bool { self == .region || self == .currency }
}

/// A declared thing: its kind and its name as written.
package struct SymbolKey: Hashable, Sendable {
    package let kind: SymbolKind
    package let name: String

    package init(_ kind: SymbolKind, _ name: String) {
        self.kind = kind
        self.name = name
    }
}

/// One place a name is written, and whether that place declares it.
package struct SymbolOccurrence: Hashable, Sendable {
    package let key: SymbolKey
    package let span: SourceSpan
    package let isDefinition: Bool
}

/// One entry of a file's outline: a declaration with a name (or a title).
package struct OutlineEntry: Sendable {
    package let name: String
    /// What it is, for the outline's detail (`bundle`, `test`, `guard`...).
    package let detail: String
    package let lspKind: Int
    package let span: SourceSpan
    package let selection: SourceSpan
}

/// Every declaration and reference of the names of a rule set, from the parsed
/// files: what go to definition, find references, rename and the outline read.
///
/// It is built from the AST alone, so a rule set with errors (even a file the
/// parser recovered from) is indexed as far as it parses.
package struct SymbolIndex: Sendable {
    package private(set) var occurrences: [SymbolOccurrence] = []
    package private(set) var outlines: [SourceFileID: [OutlineEntry]] = [:]
    private var byFile: [SourceFileID: [Int]] = [:]
    private var byKey: [SymbolKey: [Int]] = [:]

    package init(_ parsed: ParsedSources) {
        var collector = SymbolCollector(files: parsed.files, sources: parsed.sources)
        collector.collect()
        for occurrence in collector.occurrences { add(occurrence) }
        outlines = collector.outlines
    }

    private mutating func add(_ occurrence: SymbolOccurrence) {
        let index = occurrences.count
        occurrences.append(occurrence)
        byFile[occurrence.span.file, default: []].append(index)
        byKey[occurrence.key, default: []].append(index)
    }

    /// The occurrence whose span holds byte `offset` of `file` (its end included,
    /// so a cursor just after a name finds it).
    package func occurrence(in file: SourceFileID, at offset: Int) -> SymbolOccurrence? {
        let candidates = (byFile[file] ?? []).map { occurrences[$0] }
        return candidates.first { Int($0.span.start) <= offset && offset < Int($0.span.end) }
            ?? candidates.first { Int($0.span.start) <= offset && offset <= Int($0.span.end) }
    }

    /// Every place `key` is written, declarations first, each place once.
    package func occurrences(of key: SymbolKey) -> [SymbolOccurrence] {
        var seen = Set<SourceSpan>()
        let all = (byKey[key] ?? []).map { occurrences[$0] }
        return (all.filter(\.isDefinition) + all.filter { !$0.isDefinition }).filter { seen.insert($0.span).inserted }
    }

    /// Where `key` is declared; for a group, which has no declaration, where it is first named.
    package func definitions(of key: SymbolKey) -> [SymbolOccurrence] {
        let all = occurrences(of: key)
        let declared = all.filter(\.isDefinition)
        return declared.isEmpty ? Array(all.prefix(1)) : declared
    }

    /// Every declared name, each once, in the order declared.
    package var declaredKeys: [SymbolKey] {
        var seen = Set<SymbolKey>()
        return occurrences.filter(\.isDefinition).map(\.key).filter { seen.insert($0).inserted }
    }

    /// The kinds under which `name` is declared.
    package func kinds(declaring name: String) -> [SymbolKind] {
        SymbolKind.allCases.filter { byKey[SymbolKey($0, name)]?.contains { occurrences[$0].isDefinition } ?? false }
    }
}
