import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one `.coin` file (alone, or next to the small
/// shop when it starts with `# with shop`). A file that checks clean, or that does
/// once its broken declarations are blanked out, is compiled into a `PriceBook` and
/// a fixed set of requests derived from it is quoted.
///
/// The requests: every item (bundles, then the smallest and largest amount of each
/// custom amount) × region × channel × `instants`, each with one of three buyers
/// in turn (no facts; every attribute at its highest, with every promotion code;
/// every attribute at its lowest, with every limit used up). Each is quoted plain
/// and explained; at the first instant of each cell, the plain request is quoted
/// twice and both answers are written as JSON lines. The rules' own `test` blocks
/// are run and their gifts priced.
///
/// Asserted (see `FuzzQuoteInvariants.swift`): discount lines are ≥ 0 and sum to
/// list − price; floor ≤ price ≤ list; tax and total agree; one currency; explain
/// changes nothing else; the same request gives the same quote; quotes, errors
/// and gifts write as one line of valid JSON.
private let instants: [Int64] = [
    1_795_860_000, // 2026-11-28T10:00:00Z, a Saturday in Black Friday week
    1_781_697_600, // 2026-06-17T12:00:00Z, a Wednesday
    631_152_000, // 1990-01-01T00:00:00Z, before the zone tables
    5_680_281_600, // 2150-01-01T00:00:00Z, after the zone tables
]

/// How many times a file with errors has its broken declarations blanked out and
/// is checked again (see `FuzzInputs.repaired`).
private let repairRounds = 3

/// Bounds on the request set, so one input with a large catalogue stays quick.
private let maximumBundles = 8
private let maximumCustomAmounts = 2
private let maximumRegions = 4
private let maximumChannels = 3
private let maximumGifts = 4

/// Reused across inputs, as a batch reuses it across lines.
nonisolated(unsafe) private var writer = QuoteLineWriter(capacity: 1 << 16)

@_cdecl("LLVMFuzzerTestOneInput")
public func quoteFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let result = FuzzInputs.check(FuzzInputs.sources(FuzzInputs.bytes(data, size)))
    guard let rules = result.ruleSet ?? FuzzInputs.repaired(result, rounds: repairRounds)?.ruleSet else { return 0 }
    let book = PriceBook(rules)
    let buyers = Buyer.allCases.map { $0.facts(for: rules) }
    var count = 0
    for item in items(rules) {
        for region in rules.regions.prefix(maximumRegions) {
            for channel in channels(rules) {
                for (index, instant) in instants.enumerated() {
                    let buyer = buyers[count % buyers.count]
                    let request = QuoteRequest(item: item, region: region.code, channel: channel, instant: instant,
                                               user: buyer.user, codes: buyer.codes, redemptions: buyer.redemptions)
                    // Writing and reading back JSON costs several quotes: once per cell.
                    FuzzInvariants.quoteAndWrite(request, book: book, floor: rules.floor, writer: &writer, again: index == 0, write: index == 0)
                    count += 1
                }
            }
        }
    }
    runTests(rules, book: book)
    priceGifts(rules, book: book)
    FuzzInvariants.log("clean: \(count) requests quoted plain and explained, \(rules.tests.count) tests")
    return 0
}

/// The bundles, then each custom amount at both ends of its range and one coin
/// below it (a refusal).
private func items(_ rules: RuleSet) -> [QuoteRequest.Item] {
    var items = rules.bundles.prefix(maximumBundles).map { QuoteRequest.Item.bundle($0.name) }
    for custom in rules.customAmounts.prefix(maximumCustomAmounts) {
        items += [.coins(custom.minimumCoins), .coins(custom.maximumCoins), .coins(custom.minimumCoins &- 1)]
    }
    return items
}

/// The declared channels, or none when the rules declare none.
private func channels(_ rules: RuleSet) -> [String?] {
    rules.channels.isEmpty ? [nil] : rules.channels.prefix(maximumChannels).map(\.name)
}

/// The three buyers every cell is quoted for, in turn.
private enum Buyer: CaseIterable {
    case anonymous, highest, lowest

    struct Facts {
        var user: [String: UserValue] = [:]
        var codes: [String] = []
        var redemptions: [String: Redemptions] = [:]
    }

    func facts(for rules: RuleSet) -> Facts {
        var facts = Facts()
        switch self {
        case .anonymous:
            break
        case .highest:
            for attribute in rules.userAttributes { facts.user[attribute.name] = Self.value(attribute, highest: true) }
            facts.codes = rules.promotions.compactMap(\.code)
        case .lowest:
            for attribute in rules.userAttributes { facts.user[attribute.name] = Self.value(attribute, highest: false) }
            for promotion in rules.promotions where promotion.totalLimit != nil || promotion.perUserLimit != nil {
                facts.redemptions[promotion.name] = Redemptions(total: promotion.totalLimit ?? 0, perUser: promotion.perUserLimit ?? 0)
            }
        }
        return facts
    }

    private static func value(_ attribute: UserAttribute, highest: Bool) -> UserValue? {
        switch attribute.kind {
        case .bool: return .bool(highest)
        case .int(let range): return .int(highest ? range?.upperBound ?? Int64.max : range?.lowerBound ?? Int64.min)
        case .date: return CivilDate(year: highest ? 9999 : 1, month: highest ? 12 : 1, day: highest ? 31 : 1).map(UserValue.date)
        case .oneOf(let values): return (highest ? values.last : values.first).map(UserValue.value)
        // Text is carried, never compared: the empty text and a long one.
        case .text: return .value(highest ? String(repeating: "z", count: 256) : "")
        }
    }
}

/// The rules' own tests run, and every quote they get keeps the quote invariants.
private func runTests(_ rules: RuleSet, book: PriceBook) {
    for result in RuleTestRunner(rules, book: book).run().results {
        if let quote = result.quote { FuzzInvariants.check(quote, floor: rules.floor) }
    }
}

/// A few gifts, one and a million of each, with and without a region.
private func priceGifts(_ rules: RuleSet, book: PriceBook) {
    for gift in rules.gifts.prefix(maximumGifts) {
        for count: Int64 in [1, 1_000_000] {
            for region in [nil, rules.regions.first?.code] {
                guard case .success(let quote) = book.giftQuote(gift.name, count: count, region: region) else { continue }
                guard quote.coins >= 0, quote.diamonds >= 0, quote.creatorCash.minorUnits >= 0 else {
                    FuzzInvariants.broken("gift \(gift.name) × \(count) has a negative amount: \(quote)")
                }
                FuzzInvariants.checkJSON(Data(QuoteJSON.gift(quote).serialized().utf8), "gift JSON")
            }
        }
    }
}
