/// How serious a diagnostic is.
public enum Severity: String, Sendable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, usually pointing at a related place.
public struct DiagnosticNote: Hashable, Sendable {
    public let message: String
    public let span: SourceSpan?

    public init(_ message: String, at span: SourceSpan? = nil) {
        self.message = message
        self.span = span
    }
}

/// One problem found in a rule set: a stable code, where, what, and how to fix it.
///
/// Messages are lowercase and name the user's input in backticks; the fix goes in
/// `help`, kept apart from the statement of the problem.
public struct Diagnostic: Hashable, Sendable {
    public let code: DiagnosticCode
    public let severity: Severity
    public let message: String
    public let span: SourceSpan
    public let notes: [DiagnosticNote]
    public let help: String?

    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at span: SourceSpan,
        notes: [DiagnosticNote] = [],
        help: String? = nil,
        severity: Severity? = nil
    ) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.span = span
        self.notes = notes
        self.help = help
    }
}

/// Collects diagnostics up to `Limits.maxDiagnostics`, then records one final
/// "too many diagnostics" error and drops the rest, so a hopeless file cannot
/// flood a terminal or a CI log.
public struct DiagnosticBag: Sendable {
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var isFull = false
    private var seen: Set<Key> = []

    private struct Key: Hashable {
        let code: DiagnosticCode
        let span: SourceSpan
    }

    public init() {}

    public var errorCount: Int { diagnostics.count(where: { $0.severity == .error }) }
    public var warningCount: Int { diagnostics.count(where: { $0.severity == .warning }) }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public mutating func add(_ diagnostic: Diagnostic) {
        guard !isFull else { return }
        // One root cause, one diagnostic: the same code at the same place is a cascade.
        guard seen.insert(Key(code: diagnostic.code, span: diagnostic.span)).inserted else { return }
        if diagnostics.count >= Limits.maxDiagnostics {
            isFull = true
            diagnostics.append(Diagnostic(
                .tooManyDiagnostics,
                "too many problems; stopped after \(Limits.maxDiagnostics)",
                at: diagnostic.span,
                help: "fix the problems above and run the check again"
            ))
            return
        }
        diagnostics.append(diagnostic)
    }

    public mutating func add(contentsOf other: [Diagnostic]) {
        for diagnostic in other { add(diagnostic) }
    }

    /// The diagnostics sorted by file, position and code, for stable output.
    public func sorted() -> [Diagnostic] {
        diagnostics.sorted { a, b in
            if a.span.file != b.span.file { return a.span.file < b.span.file }
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            return a.code.rawValue < b.code.rawValue
        }
    }
}
