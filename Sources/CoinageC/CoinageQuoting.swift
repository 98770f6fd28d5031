import CoinageIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Quotes one JSON request (`length` bytes at `request`, no NUL needed) into the JSON
/// line `coinage quote --batch` writes for it as the only line of its input, without
/// the newline: a quote, or an error object for a refused or malformed request.
/// `*quote` gets a NUL-terminated buffer the caller frees with `coinage_free`, and
/// `*quote_length` (when not NULL) its length without the NUL.
@_cdecl("coinage_quote")
public func coinage_quote(_ rules: OpaquePointer?, _ request: UnsafePointer<CChar>?, _ length: Int,
                          _ quote: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                          _ quoteLength: UnsafeMutablePointer<Int>?) -> Int32 {
    quote?.pointee = nil
    quoteLength?.pointee = 0
    guard let rules, let quote, let input = CBuffer.input(request, length: length) else {
        return CoinageStatus.invalidArgument.rawValue
    }
    var output = BatchLines.quote(request: input, with: RulesHandle.borrowed(rules).quoterNow())
    if output.bytes.last == 10 { output.bytes.removeLast() }
    return hand(output, to: quote, length: quoteLength)
}

/// Quotes a buffer of JSON request lines into the JSON lines `coinage quote --batch`
/// writes for the same bytes: one line per request, in order, an error object for
/// each refused or malformed line, blank lines skipped. `*refused` (when not NULL)
/// gets the number of refused lines.
@_cdecl("coinage_quote_lines")
public func coinage_quote_lines(_ rules: OpaquePointer?, _ lines: UnsafePointer<CChar>?, _ length: Int,
                                _ quotes: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                _ quotesLength: UnsafeMutablePointer<Int>?,
                                _ refused: UnsafeMutablePointer<Int>?) -> Int32 {
    quotes?.pointee = nil
    quotesLength?.pointee = 0
    refused?.pointee = 0
    guard let rules, let quotes, let input = CBuffer.input(lines, length: length) else {
        return CoinageStatus.invalidArgument.rawValue
    }
    let output = BatchLines.quote(buffer: input, with: RulesHandle.borrowed(rules).quoterNow())
    refused?.pointee = output.refused
    return hand(output, to: quotes, length: quotesLength)
}

/// Copies a quoting's output into a C buffer and gives its status.
private func hand(_ output: BatchLines.Output, to target: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                  length: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let buffer = CBuffer.copy(output.bytes) else { return CoinageStatus.outOfMemory.rawValue }
    target.pointee = buffer
    length?.pointee = output.bytes.count
    return (output.refused == 0 ? CoinageStatus.quoted : CoinageStatus.refused).rawValue
}
