import CoinageSyntax

/// An experiment checked on its own, before its arms' rules are derived.
struct CheckedExperiment {
    let name: String
    let salt: String
    let unitAttribute: String
    let audience: Condition?
    let window: DateWindow
    let start: Int64
    let end: Int64
    let arms: [(name: String, weight: Int64, body: [Declaration]?, span: SourceSpan)]
    let span: SourceSpan
}

extension Checker {
    /// The kinds of declaration an arm may hold: each replaces control's declaration
    /// of the same key, or adds one.
    static let armDeclarationKinds = "`price`, `promotion`, `bundle`, `custom`, `region`, `channel`, `round`, `rate` and `points`"

    /// `experiment` declarations: clauses, arms and weights, the unit attribute, the
    /// audience condition and the window. Their arms' rules are derived once the
    /// rules check clean (`ExperimentArms`).
    mutating func checkExperiments() -> [CheckedExperiment] {
        if declarations.experiments.count > Limits.maxExperiments, let extra = declarations.experiments.dropFirst(Limits.maxExperiments).first {
            report(.invalidExperiment, "more than \(Limits.maxExperiments) experiments", at: extra.name.span,
                   help: "end an experiment before starting another: remove the ones whose window closed")
            return []
        }
        return declarations.experiments.compactMap { experiment($0) }
    }

    private mutating func experiment(_ declaration: ExperimentDeclaration) -> CheckedExperiment? {
        let name = declaration.name.text
        var ok = declaration.isComplete
        var window: DateWindow?
        var audience: Condition?
        var unitAttribute: String?
        var salt: String?
        var arms: [(name: String, weight: Int64, body: [Declaration]?, span: SourceSpan)] = []
        var seen: [String: SourceSpan] = [:]
        var firstClause: [String: SourceSpan] = [:]
        for clause in declaration.clauses {
            if clause.keyword != "arm", let first = firstClause[clause.keyword] {
                report(.duplicateClause, "experiment `\(name)` has two `\(clause.keyword)` clauses", at: clause.span,
                       notes: [DiagnosticNote("the first is here", at: first)], help: "keep one of the two")
                ok = false
                continue
            }
            firstClause[clause.keyword] = clause.span
            switch clause.kind {
            case .during(let written):
                if case .local(let span)? = written.zone {
                    report(.invalidExperiment, "an experiment's window cannot be `local`", at: span,
                           help: "name one zone, e.g. `UTC` or `America/New_York`: every region starts and stops the experiment at the same instant")
                    ok = false
                } else if let checked = dateWindow(written, span: clause.span) { window = checked } else { ok = false }
            case .audience(let expression):
                if let checked = condition(expression) {
                    if let list = Self.listTest(in: checked) {
                        report(.invalidExperiment, "an audience cannot test the list price", at: list,
                               help: "an arm may change list prices, so who takes part cannot depend on them: test the bundle, `coins`, the region or the buyer instead")
                        ok = false
                    } else { audience = checked }
                } else { ok = false }
            case .unit(let attributeName):
                if let attribute = experimentUnit(attributeName) { unitAttribute = attribute } else { ok = false }
            case .salt(let literal):
                salt = literal.value
            case .arm(let arm):
                if let first = seen[arm.name.text] {
                    report(.invalidExperiment, "experiment `\(name)` has two arms named `\(arm.name.text)`", at: arm.name.span,
                           notes: [DiagnosticNote("the first is here", at: first)], help: "give each arm its own name")
                    ok = false
                    continue
                }
                seen[arm.name.text] = arm.name.span
                guard let weight = positiveInteger(arm.weight, "an arm's weight", allowZero: true) else { ok = false; continue }
                if arm.name.text == Experiment.controlArm, let body = arm.body {
                    let span = body.first?.span ?? arm.span
                    report(.invalidExperiment, "the `control` arm of `\(name)` cannot change the rules", at: span,
                           help: "control is the rules as written outside the experiment: move these declarations to another arm")
                    ok = false
                }
                for inner in arm.body ?? [] where !Self.armMayHold(inner) {
                    report(.declarationNotInArm, "an arm cannot hold this declaration", at: inner.span,
                           help: "an arm holds \(Self.armDeclarationKinds) declarations; declare the rest outside the experiment")
                    ok = false
                }
                if !arm.isComplete { ok = false }
                // The arm's promotions are checked with its rules; what they read is used.
                for case .promotion(let promotion) in arm.body ?? [] {
                    for clause in promotion.clauses { if case .when(let expression) = clause.kind { markUsed(expression) } }
                }
                arms.append((arm.name.text, weight, arm.body, arm.span))
            }
        }
        if arms.count > Limits.maxExperimentArms {
            report(.invalidExperiment, "experiment `\(name)` has \(arms.count) arms, more than \(Limits.maxExperimentArms)",
                   at: declaration.name.span, help: "split the variants over experiments that run one after the other")
            ok = false
        }
        if declaration.isComplete, !arms.isEmpty, !arms.contains(where: { $0.name == Experiment.controlArm }) {
            report(.invalidExperiment, "experiment `\(name)` has no `control` arm", at: declaration.name.span,
                   help: "add `arm control 50`: control is the rules as written, and takes every request the experiment does not assign")
            ok = false
        }
        if declaration.isComplete, arms.count == 1, arms[0].name == Experiment.controlArm {
            report(.invalidExperiment, "experiment `\(name)` has only the `control` arm", at: declaration.name.span,
                   help: "add an arm that changes something, e.g. `arm cheaper 50 { price coins_700 on web: 7.49 USD }`")
            ok = false
        }
        if declaration.isComplete, !arms.isEmpty, arms.allSatisfy({ $0.weight == 0 }) {
            report(.invalidExperiment, "the arms of `\(name)` weigh nothing in all", at: declaration.name.span,
                   help: "give at least one arm a positive weight, e.g. `arm control 50`")
            ok = false
        }
        for (keyword, example) in [("during", "during 2026-12-10 to 2027-01-10 UTC"), ("unit", "unit user.id")]
        where declaration.isComplete && firstClause[keyword] == nil {
            report(.invalidExperiment, "experiment `\(name)` has no `\(keyword)` clause", at: declaration.name.span,
                   help: "add `\(example)`")
            ok = false
        }
        guard ok, let window, let unitAttribute else { return nil }
        let (start, end) = instants(of: window)
        return CheckedExperiment(name: name, salt: salt ?? name, unitAttribute: unitAttribute, audience: audience,
                                 window: window, start: start, end: end, arms: arms, span: declaration.span)
    }

    /// Counts the user attributes `expression` reads as used (W0002 is for control's rules too).
    private mutating func markUsed(_ expression: Expression) {
        switch expression {
        case .or(let a, let b, _), .and(let a, let b, _), .comparison(let a, _, let b, _), .membership(let a, _, let b, _):
            markUsed(a)
            markUsed(b)
        case .not(let inner, _), .parenthesized(let inner, _): markUsed(inner)
        case .userAttribute(let reference): usedUserAttributes.insert(reference.text)
        default: break
        }
    }

    /// The `int` or `text` user attribute a `unit` clause names.
    private mutating func experimentUnit(_ name: Name) -> String? {
        guard let attribute = userAttributes[name.text] else {
            if !declarations.isDeclared("user", name.text), !declarations.didFail("user", name.text) {
                report(.unknownUserAttribute, "user attribute `\(name.text)` is not declared", at: name.span,
                       help: Suggestion.help(for: name.text, among: declarations.users.map { $0.name.text })
                           ?? "declare it: `user \(name.text): int`")
            }
            return nil
        }
        usedUserAttributes.insert(name.text)
        switch attribute.kind {
        case .int, .text: break
        default:
            report(.invalidExperiment, "the unit `user.\(name.text)` is \(attribute.typeDescriptionWithArticle), not an int or text",
                   at: name.span, notes: [DiagnosticNote("declared here", at: attribute.span)],
                   help: "an experiment hashes an attribute that tells buyers apart, such as `user id: text` or `user id: int`")
            return nil
        }
        return name.text
    }

    /// The window's bounds as UTC instants, read in its zone.
    private func instants(of window: DateWindow) -> (Int64, Int64) {
        var offsets = ZoneOffsets.fixed(0)
        if case .named(let zone) = window.zone, zone != "UTC" {
            offsets = zones?.offsets(zone: zone, from: Self.zoneTableRange.start, to: Self.zoneTableRange.end) ?? .fixed(0)
        }
        func instant(_ wallClock: Int64) -> Int64 {
            let guess = wallClock - offsets.offset(at: wallClock)
            return wallClock - offsets.offset(at: guess)
        }
        let bounds = window.wallClockBounds
        return (instant(bounds.start), instant(bounds.end))
    }

    /// Where a condition compares `list`, if it does.
    private static func listTest(in condition: Condition) -> SourceSpan? {
        switch condition.kind {
        case .and(let a, let b), .or(let a, let b): listTest(in: a) ?? listTest(in: b)
        case .not(let inner): listTest(in: inner)
        case .list: condition.span
        default: nil
        }
    }

    /// True for the declarations an arm may replace or add.
    static func armMayHold(_ declaration: Declaration) -> Bool {
        switch declaration {
        case .price, .promotion, .bundle, .custom, .region, .channel, .rounding, .rate, .points: true
        default: false
        }
    }

    /// True when `experiment` declares `arm` with a block, and so rules of its own.
    func armHasBody(experiment: String, arm: String) -> Bool {
        guard arm != Experiment.controlArm,
              let declaration = declarations.experiments.first(where: { $0.name.text == experiment }) else { return false }
        for clause in declaration.clauses {
            if case .arm(let written) = clause.kind, written.name.text == arm { return written.body != nil }
        }
        return false
    }

    /// A test's `arm EXPERIMENT ARM` line, resolved.
    mutating func experimentPin(_ experiment: Name, _ arm: Name) -> ExperimentPin? {
        guard let declaration = declarations.experiments.first(where: { $0.name.text == experiment.text }) else {
            report(.unknownArm, "unknown experiment `\(experiment.text)`", at: experiment.span,
                   help: Suggestion.help(for: experiment.text, among: declarations.experiments.map { $0.name.text })
                       ?? "a test pins an arm of a declared experiment: `arm EXPERIMENT ARM`")
            return nil
        }
        var names: [String] = []
        for clause in declaration.clauses { if case .arm(let written) = clause.kind { names.append(written.name.text) } }
        guard names.contains(arm.text) else {
            report(.unknownArm, "experiment `\(experiment.text)` has no arm `\(arm.text)`", at: arm.span,
                   help: Suggestion.help(for: arm.text, among: names)
                       ?? "its arms are \(names.map { "`\($0)`" }.joined(separator: ", "))")
            return nil
        }
        return ExperimentPin(experiment: experiment.text, arm: arm.text)
    }
}
