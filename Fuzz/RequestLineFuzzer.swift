import Coinage
import CoinageFormat
import CoinageFoundation
import CoinageIO
import CoinageSyntax
import Foundation

/// libFuzzer harness: the input is one JSON request line, quoted against `rules/`.
///
/// The rules directory is `$COINAGE_RULES`, or `rules` under the working directory.
/// Every line is parsed, quoted plain and explained (and plain again, which must
/// give the same quote), and written by `QuoteLineWriter`; see
/// `FuzzQuoteInvariants.swift` for what is asserted. The line is also read by the
/// batch's fast reader (`ResolvedLineReader`): when it takes the line, its quote must
/// be the slow path's, written to the same bytes.
private let shop: (rules: RuleSet, book: PriceBook) = {
    let path = ProcessInfo.processInfo.environment["COINAGE_RULES"] ?? "rules"
    do {
        let result = try Pipeline.load(rulesDirectory: path)
        guard let rules = result.ruleSet, let book = result.priceBook else {
            fatalError("the rules at \(path) have errors: \(RulesError.invalid(result.checked))")
        }
        return (rules, book)
    } catch {
        fatalError("cannot load the rules at \(path): \(error)")
    }
}()

private let context = RequestLineParser.Context(rules: shop.rules)

/// Reused across inputs, as a batch reuses it across lines (it caches per line).
nonisolated(unsafe) private var writer = QuoteLineWriter(capacity: 1 << 16)

/// The batch's fast reader, and a writer of its own for the comparison.
private let fastReader = ResolvedLineReader(book: shop.book, rules: shop.rules)
nonisolated(unsafe) private var fastWriter = QuoteLineWriter(capacity: 1 << 16)
nonisolated(unsafe) private var slowWriter = QuoteLineWriter(capacity: 1 << 16)

/// A fixed clock, so a reproducer behaves the same on every run.
private let now: Int64 = 1_796_119_200 // 2026-12-01T09:20:00Z

@_cdecl("LLVMFuzzerTestOneInput")
public func requestLineFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInputs.bytes(data, size)
    // libFuzzer's own buffer, exactly `size` long: a read past the line's end (the
    // reader loads words) is a read past the allocation, which AddressSanitizer reports.
    checkFastReader(bytes, exact: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
    switch RequestLineParser.parse(bytes[...], context: context, now: now) {
    case .success(let request):
        FuzzInvariants.quoteAndWrite(request, book: shop.book, floor: shop.rules.floor, writer: &writer, again: true)
    case .failure(let error):
        writer.removeAll()
        writer.writeInvalidRequest(error.message, line: 1)
        FuzzInvariants.checkLine(writer.buffer, "invalid request line")
    }
    return 0
}

/// A line the fast reader takes is a line the slow path reads too, and both give the
/// same quote or refusal, written to the same bytes.
private func checkFastReader(_ bytes: [UInt8], exact: UnsafeBufferPointer<UInt8>) {
    guard let resolved = fastReader.read(exact, book: shop.book, now: now) else { return }
    guard case .success(var request) = RequestLineParser.parse(bytes[...], context: context, now: now) else {
        fatalError("the fast reader took a line the request parser refuses: \(String(decoding: bytes, as: UTF8.self))")
    }
    request.explain = false
    fastWriter.removeAll()
    slowWriter.removeAll()
    switch shop.book.quote(resolved) {
    case .success(let quote): fastWriter.write(quote)
    case .failure(let error): fastWriter.write(error)
    }
    switch shop.book.quote(request) {
    case .success(let quote): slowWriter.write(quote)
    case .failure(let error): slowWriter.write(error)
    }
    guard fastWriter.buffer == slowWriter.buffer else {
        fatalError("the fast reader's quote differs from the request parser's for \(String(decoding: bytes, as: UTF8.self))")
    }
}
