import CoinageSyntax

/// What the formatter lays out before columns are aligned: one output line each.
///
/// Declarations and clauses become rows of fields; a row's fields are keyed by the
/// attribute they hold, so that rows of one kind line up attribute by attribute
/// even when some rows leave an optional attribute out.
struct LayoutLine {
    enum Content {
        /// A blank line separating groups.
        case blank
        /// A comment on a line of its own.
        case comment(String)
        /// A declaration or clause, aligned with neighbouring rows of the same kind.
        case row(LayoutRow)
        /// A line that is never aligned: a block's opening or closing line.
        case text(String)
    }

    var content: Content
    /// Indentation level; each level is `RuleFormatter.indentWidth` spaces.
    var indent: Int
    /// A comment after the code on the same line.
    var trailingComment: String?
}

/// The fields of one declaration or clause.
struct LayoutRow {
    /// Rows align only with rows of the same kind.
    let kind: RowKind
    /// The fields in column order; `column` is the attribute's fixed position.
    let fields: [LayoutField]
}

struct LayoutField {
    let column: Int
    let text: String
}

/// Which rows align with each other: one kind per declaration kind, with the shop
/// settings (`base currency`, `stacking`, `floor`) sharing one.
enum RowKind: Hashable {
    case setting, currency, rate, rounding, region, market, channel, bundle, custom, price, user, gift, guardRule, allow, points
    case roundingTier, pointsTier, payoutClause, promotionClause, testLine, experimentClause
}

extension LayoutRow {
    /// A row of fields in consecutive columns, leaving out the nil ones.
    init(_ kind: RowKind, _ fields: String?...) {
        self.kind = kind
        self.fields = fields.enumerated().compactMap { column, text in text.map { LayoutField(column: column, text: $0) } }
    }

    /// The row alone, without alignment: its fields joined by one space.
    var plainText: String { fields.map { $0.text }.joined(separator: " ") }
}
