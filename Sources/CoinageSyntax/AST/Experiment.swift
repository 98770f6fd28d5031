/// `experiment web_coin_price { ... }`: a price experiment, its clauses in source order.
///
/// Control is the rules as written outside every experiment; each arm other than
/// control holds declarations that replace or add to control's (see Docs/Experiments.md).
public struct ExperimentDeclaration: Hashable, Sendable {
    public let name: Name
    public let clauses: [ExperimentClause]
    /// False when recovery dropped a broken clause: what is missing may be in it.
    public let isComplete: Bool
    public let span: SourceSpan

    public init(name: Name, clauses: [ExperimentClause], isComplete: Bool, span: SourceSpan) {
        self.name = name
        self.clauses = clauses
        self.isComplete = isComplete
        self.span = span
    }
}

/// One clause of an experiment block.
public struct ExperimentClause: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `during 2026-12-10 to 2027-01-10 UTC`: when requests are assigned to arms.
        indirect case during(Window)
        /// `audience region in [US, CA]`: who takes part, in the condition language.
        case audience(Expression)
        /// `unit user.id`: the user attribute whose value is hashed to an arm.
        case unit(Name)
        /// `salt "2026-12"`: mixed into the hash; the experiment's name when absent.
        case salt(StringLiteral)
        /// `arm cheaper 50 { ... }`
        indirect case arm(ExperimentArm)
    }

    public let kind: Kind
    /// The keyword that opens the clause, as the user wrote it.
    public let keyword: String
    public let span: SourceSpan
}

/// `arm control 50` or `arm cheaper 50 { price coins_700 on web: 7.49 USD }`.
public struct ExperimentArm: Hashable, Sendable {
    public let name: Name
    /// Its share of the assigned traffic, relative to the other arms' weights.
    public let weight: NumberLiteral
    /// The declarations that replace or add to control's; nil when no block was written.
    public let body: [Declaration]?
    /// False when recovery dropped a broken declaration of the body.
    public let isComplete: Bool
    public let span: SourceSpan
}

extension RuleFile {
    /// A file of `declarations`: how the checker lays an experiment arm's rules out
    /// (control's declarations, less the ones the arm replaces, and the arm's own).
    package init(file: SourceFileID, declarations: [Declaration], incomplete: [IncompleteDeclaration] = []) {
        self.init(file: file, declarations: declarations, comments: [], incomplete: incomplete)
    }
}
