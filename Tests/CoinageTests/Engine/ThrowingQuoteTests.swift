@testable import CoinageChecker
@testable import CoinageEngine
import Testing

/// `PriceBook.quoted(_:)`, the throwing quote: the quote `quote(_:)` returns, or
/// the error it returns thrown, for a request as given (explained or not) and for
/// a resolved one.
@Suite struct ThrowingQuoteTests {
    typealias F = WalkFixture

    /// Requests of `shop` with faults, recased and unknown codes and counters of
    /// unknown promotions, every other one explained: the mismatches between the
    /// two ways of quoting each, as given and resolved.
    static func mismatches(_ shop: CompiledShop, seed: UInt64, count: Int) -> [String] {
        ResolvedRequestTests.mismatches(shop, seed: seed, count: count, explaining: { $0 % 2 == 0 }) { request in
            let thrown = Result { () throws(QuoteError) in try shop.book.quoted(request) }
            let returned = shop.book.quote(request)
            if thrown != returned { return "thrown \(thrown), returned \(returned)" }
            guard case .success(let resolved) = shop.book.resolve(request) else { return nil }
            let thrownResolved = Result { () throws(QuoteError) in try shop.book.quoted(resolved) }
            return thrownResolved == shop.book.quote(resolved) ? nil : "resolved: thrown \(thrownResolved)"
        }
    }

    @Test func theSampleShopQuotesAlikeThrownOrReturned() throws {
        let mismatches = Self.mismatches(try ReferenceEvaluatorPropertyTests.sampleShop(), seed: 0x7E50_0001, count: 1_500)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func aShopUsingEveryClauseQuotesAlikeThrownOrReturned() throws {
        let mismatches = Self.mismatches(try ReferenceEvaluatorPropertyTests.everyClauseCompiled(), seed: 0x7E50_0002, count: 1_500)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func aRefusalIsThrownWithItsKindMessageAndHelp() throws {
        let book = try F.book("bundle b: 10 coins, 1.00 USD")
        #expect(throws: QuoteError.self) { try book.quoted(F.request(.bundle("c"))) }
        do {
            _ = try book.quoted(F.request(.bundle("c")))
        } catch {
            #expect(error.kind == .unknownBundle)
            #expect(error.message == "unknown bundle `c`")
        }
        let other = try F.book("bundle b: 10 coins, 2.00 USD")
        let resolved = try book.resolve(F.request()).get()
        do {
            _ = try other.quoted(resolved)
            Issue.record("a request resolved against other rules was quoted")
        } catch {
            #expect(error.kind == .internalError)
        }
        #expect(try book.quoted(resolved).totalMinor == 100)
    }
}
