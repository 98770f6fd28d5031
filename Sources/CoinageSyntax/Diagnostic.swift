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
    /// Set when the rules (`allow CODE "reason"`) or the command line (`--allow`)
    /// accept this warning: it is still reported in JSON and SARIF, but it does not
    /// count, and text output leaves it out.
    public private(set) var suppression: Suppression?

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

/// Why a warning is accepted: the reason written with `allow`, and where (nil for
/// `--allow` on the command line).
public struct Suppression: Hashable, Sendable {
    public let reason: String
    public let span: SourceSpan?

    public init(reason: String, span: SourceSpan?) {
        self.reason = reason
        self.span = span
    }
}

extension Diagnostic {
    /// The same diagnostic, accepted for `suppression`'s reason.
    public func suppressed(_ suppression: Suppression) -> Diagnostic {
        var copy = self
        copy.suppression = suppression
        return copy
    }

    public var isSuppressed: Bool { suppression != nil }
}

/// Collects diagnostics; `sorted()` gives them in source order, cut at
/// `Limits.maxDiagnostics` with one closing "too many problems" diagnostic, so a
/// hopeless file cannot flood a terminal or a CI log.
///
/// The cut happens after sorting, so the problems shown are the first ones in the
/// files, whichever phase found them. The cut never changes the outcome: the
/// closing diagnostic is an error when an error was left out and a warning when
/// only warnings were, and `hasErrors` counts every problem, shown or not.
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

    /// A bag holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic]) {
        add(contentsOf: diagnostics)
    }

    public var hasErrors: Bool { uncountedError || collected.contains { $0.severity == .error } }

    /// How many diagnostics were added so far, kept or only counted: a pass compares
    /// it before and after to learn whether it reported anything.
    public var addedCount: Int { collected.count + uncounted }

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

    /// Every diagnostic collected, each replaced by `transform` (which must keep its
    /// code, place and message), with the count of those past the memory bound.
    public func map(_ transform: (Diagnostic) -> Diagnostic) -> DiagnosticBag {
        var mapped = self
        mapped.collected = collected.map(transform)
        return mapped
    }

    /// The diagnostics collected, in the order they were found.
    public var all: [Diagnostic] { collected }

    /// The diagnostics sorted by file, position and code, at most
    /// `Limits.maxDiagnostics` of them, then the "too many problems" diagnostic if
    /// any were cut.
    ///
    /// With `errorsFirst`, the ones kept are the errors before the warnings (a big
    /// rule set's many lint warnings must not hide a failing guard); they are
    /// still shown in source order.
    public func sorted(errorsFirst: Bool = false) -> [Diagnostic] {
        let all = collected.sorted(by: Self.inSourceOrder)
        guard all.count > Limits.maxDiagnostics || uncounted > 0 else { return all }
        let ranked = errorsFirst ? (0...3).flatMap { rank in all.filter { Self.keepRank($0) == rank } } : all
        let kept = ranked.prefix(Limits.maxDiagnostics)
        let left = ranked.dropFirst(Limits.maxDiagnostics)
        // A file the parser stopped reading says so where it stopped; left out, that
        // becomes a note of the closing diagnostic rather than one more hidden problem.
        let stops = left.filter { $0.code == .tooManyDiagnostics }
        let hidden = left.count - stops.count + uncounted
        let cutError = uncountedError || left.contains { $0.severity == .error }
        let closing = Diagnostic(
            .tooManyDiagnostics,
            "too many problems: \(hidden) more not shown after the first \(Limits.maxDiagnostics)",
            at: left.first?.span ?? all[all.count - 1].span,
            notes: stops.map { DiagnosticNote($0.message, at: $0.span) },
            help: "fix the problems above and run the check again",
            // Only warnings cut: the closing diagnostic is a warning too, so that a
            // flood of warnings still fails the check only under `--strict`.
            severity: cutError ? .error : .warning
        )
        return (errorsFirst ? kept.sorted(by: Self.inSourceOrder) : Array(kept)) + [closing]
    }

    /// Which diagnostics a cut with `errorsFirst` keeps first: errors, then the
    /// warnings that say a proof or a lint stopped short (W0104, W0105), then the
    /// rest, and last the warnings an `allow` accepted.
    private static func keepRank(_ diagnostic: Diagnostic) -> Int {
        if diagnostic.severity == .error { return 0 }
        if diagnostic.isSuppressed { return 3 }
        return diagnostic.code == .guardProofIncomplete || diagnostic.code == .lintIncomplete ? 1 : 2
    }

    /// By file, position and code.
    public static func inSourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.span.file != b.span.file { return a.span.file < b.span.file }
        if a.span.start != b.span.start { return a.span.start < b.span.start }
        return a.code.rawValue < b.code.rawValue
    }
}
