import CoinageChecker
import CoinageSyntax

/// Where each part of a compiled condition is written and what it reads, for the
/// traces of `--explain`: a tree of the same shape as the `CompiledCondition` it
/// labels, kept apart so the quote path's conditions stay small.
package final class ConditionLabel: Sendable {
    /// What a part of a condition is.
    package enum Kind: Sendable {
        case and, or, not
        /// A comparison, and the quote field it reads.
        case comparison(ConditionField)
    }

    package let kind: Kind
    /// Where the part is written in the rule files.
    package let span: SourceSpan
    /// The operands of `and`, `or` and `not`, in order; empty for a comparison.
    package let operands: [ConditionLabel]

    init(kind: Kind, span: SourceSpan, operands: [ConditionLabel]) {
        self.kind = kind
        self.span = span
        self.operands = operands
    }

    /// Labels a checked condition, part by part.
    convenience init(_ condition: Condition) {
        switch condition.kind {
        case .and(let a, let b): self.init(kind: .and, span: condition.span, operands: [ConditionLabel(a), ConditionLabel(b)])
        case .or(let a, let b): self.init(kind: .or, span: condition.span, operands: [ConditionLabel(a), ConditionLabel(b)])
        case .not(let a): self.init(kind: .not, span: condition.span, operands: [ConditionLabel(a)])
        case .bundle: self.init(kind: .comparison(.bundle), span: condition.span, operands: [])
        case .region: self.init(kind: .comparison(.region), span: condition.span, operands: [])
        case .channel: self.init(kind: .comparison(.channel), span: condition.span, operands: [])
        case .currency: self.init(kind: .comparison(.currency), span: condition.span, operands: [])
        case .coins: self.init(kind: .comparison(.coins), span: condition.span, operands: [])
        case .list: self.init(kind: .comparison(.list), span: condition.span, operands: [])
        case .userBool(let name, _), .userInt(let name, _, _), .userDate(let name, _, _), .userValue(let name, _),
             .userValueExcluded(let name, _):
            self.init(kind: .comparison(.user(name)), span: condition.span, operands: [])
        }
    }

    /// The fields the comparisons of this part read, in the order they are written,
    /// each once.
    package var fields: [ConditionField] {
        var found: [ConditionField] = []
        func collect(_ label: ConditionLabel) {
            if case .comparison(let field) = label.kind {
                if !found.contains(field) { found.append(field) }
            }
            label.operands.forEach(collect)
        }
        collect(self)
        return found
    }
}

/// A field of a quote that a condition's comparison reads.
package enum ConditionField: Hashable, Sendable {
    case bundle, region, channel, currency, coins, list
    /// A user attribute, by name.
    case user(String)
}
