/// The explicit limits of the front end. Each one, when exceeded, produces a
/// diagnostic rather than a crash or a hang.
public enum Limits {
    /// Largest rules file read, in bytes. A bigger file gets `E0007` and is not parsed.
    public static let maxFileBytes = 8 * 1024 * 1024

    /// Deepest nesting of parentheses, brackets and `not` in one condition.
    public static let maxNestingDepth = 64

    /// Most `and`/`or` terms in one condition. Conditions are trees, checked and
    /// freed recursively: a bound on their size is a bound on the stack they use.
    public static let maxConditionTerms = 1_000

    /// Most digits in one number literal (underscores not counted).
    public static let maxLiteralDigits = 30

    /// Longest name, code or string literal, in bytes.
    public static let maxTokenBytes = 256

    /// Most diagnostics reported for one rule set before the rest are dropped.
    public static let maxDiagnostics = 200

    /// Most name comparisons one check spends on "did you mean" help. Each misspelt
    /// name is compared with every declared name of its kind; once the budget is
    /// spent, further unknown names get the plain help line. Without it, a file of
    /// many misspelt names among many declared ones would check in quadratic time.
    public static let maxSuggestionComparisons = 2_000_000

    /// Most values of a `one of` attribute a diagnostic lists; the rest are counted
    /// ("and 95 more"), so that a long list does not make every message as long.
    public static let maxListedValues = 20

    /// Most digits after the decimal point in an exact decimal.
    public static let maxDecimalScale = 18

    /// Largest `currency ... exponent N`.
    public static let maxCurrencyExponent = 6

    /// Most arms one `experiment` may have: each arm but control compiles to a price
    /// book of its own, so arms multiply the memory the rules take.
    public static let maxExperimentArms = 8

    /// Most `experiment` declarations in one rule set, for the same reason.
    public static let maxExperiments = 16
}
