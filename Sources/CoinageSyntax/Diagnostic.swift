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

/// Collects diagnostics; `sorted()` gives them in source order, cut at
/// `Limits.maxDiagnostics` with one closing "too many problems" error, so a hopeless
/// file cannot flood a terminal or a CI log.
///
/// The cut happens after sorting, so the problems shown are the first ones in the
/// files, whichever phase found them.
public struct DiagnosticBag: Sendable {
    private var collected: [Diagnostic] = []
    private var seen: Set<Key> = []
    /// Memory bound: beyond this many, further problems are only counted.
    private static let retained = Limits.maxDiagnostics * 10
    private var uncounted = 0
    private var uncountedError = false

    private struct Key: Hashable {
        let code: DiagnosticCode
        let span: SourceSpan
        let message: String
    }

    public init() {}

    public var hasErrors: Bool { uncountedError || collected.contains { $0.severity == .error } }

    public mutating func add(_ diagnostic: Diagnostic) {
        // One root cause, one diagnostic: the same message at the same place is a cascade.
        guard seen.insert(Key(code: diagnostic.code, span: diagnostic.span, message: diagnostic.message)).inserted else { return }
        guard collected.count < Self.retained else {
            uncounted += 1
            if diagnostic.severity == .error { uncountedError = true }
            return
        }
        collected.append(diagnostic)
    }

    public mutating func add(contentsOf other: [Diagnostic]) {
        for diagnostic in other { add(diagnostic) }
    }

    /// The diagnostics sorted by file, position and code, at most
    /// `Limits.maxDiagnostics` of them, then the "too many problems" error if any were cut.
    public func sorted() -> [Diagnostic] {
        let all = collected.sorted { a, b in
            if a.span.file != b.span.file { return a.span.file < b.span.file }
            if a.span.start != b.span.start { return a.span.start < b.span.start }
            return a.code.rawValue < b.code.rawValue
        }
        guard all.count > Limits.maxDiagnostics else { return all }
        let hidden = all.count - Limits.maxDiagnostics + uncounted
        // Only warnings cut: the closing note is a warning too, so that a flood of
        // warnings still fails the check only under `--strict`.
        let cutError = uncountedError || all.dropFirst(Limits.maxDiagnostics).contains { $0.severity == .error }
        return Array(all.prefix(Limits.maxDiagnostics)) + [Diagnostic(
            .tooManyDiagnostics,
            "too many problems: \(hidden) more not shown after the first \(Limits.maxDiagnostics)",
            at: all[Limits.maxDiagnostics].span,
            help: "fix the problems above and run the check again",
            severity: cutError ? .error : .warning
        )]
    }
}
