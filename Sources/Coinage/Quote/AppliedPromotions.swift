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

    /// The price book's promotion names, in walk order (shared, not copied).
    private let promotionNames: [String]
    private let currency: Currency
    public private(set) var count = 0
    private var inlineEntries: (Entry, Entry, Entry, Entry) = (.none, .none, .none, .none)
    private var spill: [Entry] = []

    /// A promotion's walk-order index and its discount in minor units.
    struct Entry: Sendable {
        var index: Int32
        var amount: Int64
        static let none = Entry(index: -1, amount: 0)
    }

    init(names: [String], currency: Currency) {
        self.promotionNames = names
        self.currency = currency
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Element {
        let entry = self.entry(at: position)
        let name = entry.index >= 0 && Int(entry.index) < promotionNames.count ? promotionNames[Int(entry.index)] : ""
        return Element(promotion: name, discount: entry.amount > 0 ? Money(minorUnits: entry.amount, currency: currency) : nil)
    }

    /// The names, in the order the promotions applied.
    public var names: [String] { map(\.promotion) }

    /// The lines that took something off the price.
    public var discountLines: [DiscountLine] {
        compactMap { element in element.discount.map { DiscountLine(promotion: element.promotion, amount: $0) } }
    }

    @inline(__always)
    func entry(at position: Int) -> Entry {
        switch position {
        case 0: inlineEntries.0
        case 1: inlineEntries.1
        case 2: inlineEntries.2
        case 3: inlineEntries.3
        default: position - Self.inlineCapacity < spill.count ? spill[position - Self.inlineCapacity] : .none
        }
    }

    mutating func append(index: Int, amount: Int64) {
        let entry = Entry(index: Int32(truncatingIfNeeded: index), amount: amount)
        switch count {
        case 0: inlineEntries.0 = entry
        case 1: inlineEntries.1 = entry
        case 2: inlineEntries.2 = entry
        case 3: inlineEntries.3 = entry
        default: spill.append(entry)
        }
        count += 1
    }

    /// Changes the discount of the entry at `position` (the floor cuts discounts).
    mutating func setAmount(_ amount: Int64, at position: Int) {
        switch position {
        case 0: inlineEntries.0.amount = amount
        case 1: inlineEntries.1.amount = amount
        case 2: inlineEntries.2.amount = amount
        case 3: inlineEntries.3.amount = amount
        default: if position - Self.inlineCapacity < spill.count { spill[position - Self.inlineCapacity].amount = amount }
        }
    }

    public static func == (a: AppliedPromotions, b: AppliedPromotions) -> Bool {
        a.count == b.count && a.currency == b.currency && a.elementsEqual(b)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}
