import Coinage
import CoinageJSON

/// The list price of every bundle in every region and channel: the matrix
/// `coinage prices` prints and `GET /v1/prices` sends, made and written as JSON in
/// one place.
package enum PriceMatrix {
    /// One cell of the matrix.
    package struct Cell {
        package let channel: String?
        package let region: Region
        package let bundle: Bundle
        /// Nil when the price overflowed.
        package let price: Money?
        /// How the price came about (`ExplanationText.sourceKind`), or `overflow`.
        package let source: String
        /// An explicit price used as written: marked in tables.
        package let isExplicit: Bool
        /// The point of a price-point table the price is (named by its tier or
        /// snapped to), or nil: the price ladders tell tier prices apart.
        package var pricePoint: PricePointMatch? = nil
    }

    /// The cells of `channels` (nil for a shop without channels), channel by
    /// channel, then region by region in declaration order (only `region`, when
    /// given), then bundle by bundle.
    package static func cells(_ rules: RuleSet, book: PriceBook, channels: [String?], region: String? = nil) -> [Cell] {
        var cells: [Cell] = []
        for channel in channels {
            for each in rules.regions where region == nil || each.code == region {
                for bundle in rules.bundles {
                    let explanation = book.explainListPrice(bundle: bundle.name, region: each.code, channel: channel)
                    cells.append(Cell(channel: channel, region: each, bundle: bundle, price: explanation?.price,
                                      source: explanation.map { ExplanationText.sourceKind($0.source) } ?? "overflow",
                                      isExplicit: explanation?.isAsWritten ?? false, pricePoint: explanation?.pricePoint))
                }
            }
        }
        return cells
    }

    /// `{"prices": [...]}`, a row per cell.
    package static func json(_ cells: [Cell]) -> JSONValue {
        let rows = cells.map { cell in
            JSONValue.object([
                ("channel", cell.channel.map(JSONValue.string) ?? .null),
                ("region", .string(cell.region.code)),
                ("bundle", .string(cell.bundle.name)),
                ("coins", .integer(cell.bundle.coins)),
                ("bonusCoins", .integer(cell.bundle.bonusCoins)),
                ("list", cell.price.map(QuoteJSON.money) ?? .null),
                ("source", .string(cell.source)),
            ])
        }
        return .object([("prices", .array(rows))])
    }
}
