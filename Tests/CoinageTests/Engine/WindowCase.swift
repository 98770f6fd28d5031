@testable import CoinageEngine
import Testing

/// One row of the window tables: a `during`/`every` clause of promotion `p` and the
/// instants at which a quote must (or must not) apply it.
struct WindowCase: Sendable, CustomTestStringConvertible {
    let name: String
    /// The clause inside `promotion p { discount 10% … }`.
    let clause: String
    let probes: [WindowProbe]

    var testDescription: String { name }

    init(_ name: String, _ clause: String, _ probes: [WindowProbe]) {
        self.name = name
        self.clause = clause
        self.probes = probes
    }
}

/// One quote of a window case: the instant, the region, and what the trace must say of `p`.
struct WindowProbe: Sendable {
    enum Outcome: Sendable, Equatable {
        /// The trace says `applied`.
        case applied
        /// The trace says anything but `applied`.
        case notApplied
        /// The trace gives exactly this reason (`outside_window`, `outside_hours`).
        case reason(String)
    }

    let instant: Int64
    let region: String
    let outcome: Outcome
    let note: String

    /// `p` applies at `instant` in `region`.
    static func open(_ instant: Int64, in region: String = "US", _ note: String = "") -> WindowProbe {
        WindowProbe(instant: instant, region: region, outcome: .applied, note: note)
    }

    /// `p` does not apply at `instant` in `region`; with `reason`, the trace says exactly that.
    static func shut(_ instant: Int64, in region: String = "US", reason: String? = nil, _ note: String = "") -> WindowProbe {
        WindowProbe(instant: instant, region: region, outcome: reason.map(Outcome.reason) ?? .notApplied, note: note)
    }

    /// Quotes `book` at this probe and checks the trace's reason for `p`.
    func check(_ book: PriceBook, in row: WindowCase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let reason = try PromotionWindowTests.reason(book, at: instant, in: region)
        let context: Comment = "\(row.name): \(instant) in \(region) \(note)"
        switch outcome {
        case .applied: #expect(reason == "applied", context, sourceLocation: sourceLocation)
        case .notApplied: #expect(reason != "applied", context, sourceLocation: sourceLocation)
        case .reason(let expected): #expect(reason == expected, context, sourceLocation: sourceLocation)
        }
    }
}
