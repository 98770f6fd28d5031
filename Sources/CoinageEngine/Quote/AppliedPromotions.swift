import CoinageChecker
import CoinageSyntax

/// The promotions a quote applied, in the order they applied, each with its share
/// of the discount.
///
/// Held as indices into the price book's promotions, the first few inline, so a
/// quote allocates nothing for them; names and amounts are read out on demand.
public struct AppliedPromotions: RandomAccessCollection, Hashable, Sendable {
    /// One applied promotion.
    public struct Element: Hashable, Sendable {
        public let promotion: String
        /// Its share of the discount, or nil when it took nothing off the price (a
        /// bonus, a price not below the running one, a discount the floor cut away).
        public let discount: Money?
    }

    /// Applied promotions held without an allocation.
    static let inlineCapacity = 4

    /// The price book's names and currencies, shared by every quote.
    @usableFromInline package let labels: QuoteLabels
    @usableFromInline package let currencyIndex: Int32
    private var stored: Int32 = 0
    private var inlineIndices: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
    private var inlineAmounts: (Int64, Int64, Int64, Int64) = (0, 0, 0, 0)
    /// Entries past `inlineCapacity`, as (index, amount); nil until needed.
    private var spill: [(index: Int32, amount: Int64)]?

    /// The currency the discounts are in: the quote's.
    var currency: Currency { labels.currencies[Int(currencyIndex)] }
    /// Its number in the price book.
    @inlinable package var currencyNumber: Int { Int(currencyIndex) }

    /// The promotion at `position` as its walk-order number and its discount in minor
    /// units (0 for none), for writers that keep each name's rendered bytes.
    package func number(at position: Int) -> (promotion: Int, discount: Int64) {
        let (index, amount) = entry(at: position)
        return (Int(index), Swift.max(0, amount))
    }

    init(labels: QuoteLabels, currencyIndex: Int) {
        self.labels = labels
        self.currencyIndex = Int32(truncatingIfNeeded: currencyIndex)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(stored) }

    /// Entries are only ever appended by the walk, with the walk-order index of a
    /// promotion of the same price book, and the currency index is the region's (the
    /// book's `brokenInvariant` vouches for it): both index their tables directly,
    /// with no stand-in name or currency to fall back on.
    public subscript(position: Int) -> Element {
        let (index, amount) = entry(at: position)
        let name = labels.promotions[Int(index)]
        return Element(promotion: name, discount: amount > 0 ? Money(minorUnits: amount, currency: currency) : nil)
    }

    /// The walk-order index and the discount (minor units) of the entry at `position`.
    @inline(__always)
    func entry(at position: Int) -> (index: Int32, amount: Int64) {
        switch position {
        case 0: (inlineIndices.0, inlineAmounts.0)
        case 1: (inlineIndices.1, inlineAmounts.1)
        case 2: (inlineIndices.2, inlineAmounts.2)
        case 3: (inlineIndices.3, inlineAmounts.3)
        default:
            if let spill, position - Self.inlineCapacity < spill.count { spill[position - Self.inlineCapacity] } else { (-1, 0) }
        }
    }

    @inline(__always)
    mutating func append(index: Int, amount: Int64) {
        assert(labels.promotions.indices.contains(index), "applied promotion \(index) is not one of the book's")
        let index = Int32(truncatingIfNeeded: index)
        switch stored {
        case 0: (inlineIndices.0, inlineAmounts.0) = (index, amount)
        case 1: (inlineIndices.1, inlineAmounts.1) = (index, amount)
        case 2: (inlineIndices.2, inlineAmounts.2) = (index, amount)
        case 3: (inlineIndices.3, inlineAmounts.3) = (index, amount)
        default: appendSpilled((index, amount))
        }
        stored += 1
    }

    /// Adds an entry past the inline ones, in place: room for four at first, then the
    /// array's own growth.
    // Out of line, so the walk's inlined `append` stays four stores; a walk that
    // applies more than four promotions pays for the call. Building a new array per
    // entry cost two allocations each (callgrind: about 420 instructions a quote on
    // 20,000 promotions).
    @inline(never)
    private mutating func appendSpilled(_ entry: (index: Int32, amount: Int64)) {
        if spill == nil {
            spill = []
            spill?.reserveCapacity(Self.inlineCapacity)
        }
        spill?.append(entry)
    }

    /// Changes the discount of the entry at `position` (the floor cuts discounts).
    mutating func setAmount(_ amount: Int64, at position: Int) {
        switch position {
        case 0: inlineAmounts.0 = amount
        case 1: inlineAmounts.1 = amount
        case 2: inlineAmounts.2 = amount
        case 3: inlineAmounts.3 = amount
        default:
            // In place: a copy taken out and stored back was copied whole, the
            // array being held twice meanwhile.
            let offset = position - Self.inlineCapacity
            if let count = spill?.count, offset < count { spill?[offset].amount = amount }
        }
    }

    public static func == (a: AppliedPromotions, b: AppliedPromotions) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}
