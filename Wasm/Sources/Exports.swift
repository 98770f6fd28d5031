import Coinage
import CoinageIO

// The C-style API of coinage.wasm, over linear memory.
//
// The host copies its inputs into buffers it takes with `coinage_alloc` and gives
// back with `coinage_free`. A call that answers with bytes (diagnostics, a quote
// line) leaves them in one output buffer, read with `coinage_output_pointer` and
// `coinage_output_length` until the next such call. Rules are held by handle: a
// positive number `coinage_load` gives and `coinage_close` takes back.
// bindings/js/coinage.mjs wraps all of it; Docs/WebAssembly.md describes it.

/// The bytes of the last call that answered with bytes.
nonisolated(unsafe) var output: [UInt8] = []
/// The files added since the last load, in the order the host gave them.
nonisolated(unsafe) var pendingFiles = SourceMap()
/// The loaded rules by handle minus one; nil once closed.
nonisolated(unsafe) var loaded: [BatchQuoter?] = []
/// The last load's diagnostics and files, for `coinage_render_diagnostics`.
nonisolated(unsafe) var lastDiagnostics: (diagnostics: [Diagnostic], sources: SourceMap) = ([], SourceMap())

/// `count` bytes of linear memory for the host to fill, or 0 when there is none.
@_expose(wasm, "coinage_alloc")
@_cdecl("coinage_alloc")
public func coinageAlloc(_ count: Int) -> Int {
    guard count >= 0 else { return 0 }
    return Int(bitPattern: UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 8))
}

/// Gives back a buffer `coinage_alloc` gave.
@_expose(wasm, "coinage_free")
@_cdecl("coinage_free")
public func coinageFree(_ address: Int) {
    UnsafeMutableRawPointer(bitPattern: address)?.deallocate()
}

/// Where the last answer's bytes are.
@_expose(wasm, "coinage_output_pointer")
@_cdecl("coinage_output_pointer")
public func coinageOutputPointer() -> Int {
    output.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
}

/// How many bytes the last answer has.
@_expose(wasm, "coinage_output_length")
@_cdecl("coinage_output_length")
public func coinageOutputLength() -> Int {
    output.count
}

/// Adds a rules file (`.coin`, or a `.csv` price-point table) to the next load:
/// its path, as diagnostics name it, and its text.
@_expose(wasm, "coinage_add_file")
@_cdecl("coinage_add_file")
public func coinageAddFile(_ path: Int, _ pathLength: Int, _ text: Int, _ textLength: Int) {
    let name = String(decoding: bytes(at: path, count: pathLength), as: UTF8.self)
    _ = pendingFiles.add(path: name, bytes: Array(bytes(at: text, count: textLength)))
}

/// Checks and compiles the files added since the last load, as `coinage quote`
/// does (no analysis: no W01xx/W02xx lints). The output is the diagnostics as
/// text (`json` 0) or as `coinage check --format json` writes them (`json` 1).
/// Returns the rules' handle, or 0 when they have errors.
@_expose(wasm, "coinage_load")
@_cdecl("coinage_load")
public func coinageLoad(_ json: Int32) -> Int32 {
    let sources = pendingFiles
    pendingFiles = SourceMap()
    let checked = Checker.check(ParsedSources(sources), zones: HostZones.shared)
    lastDiagnostics = (checked.diagnostics, checked.sources)
    output = Array(DiagnosticRenderer(sources: checked.sources).render(checked.diagnostics, as: json == 1 ? .json : .text).utf8)
    guard let rules = checked.ruleSet else { return 0 }
    loaded.append(BatchQuoter(book: PriceBook(rules), rules: rules, now: 0))
    return Int32(loaded.count)
}

/// Renders the last load's diagnostics into the output in a format of
/// `coinage check --format`: 0 text, 1 json, 2 github, 3 gitlab, 4 sarif. Returns
/// the number of diagnostics, or -1 for an unknown format.
@_expose(wasm, "coinage_render_diagnostics")
@_cdecl("coinage_render_diagnostics")
public func coinageRenderDiagnostics(_ format: Int32) -> Int32 {
    let formats: [DiagnosticFormat] = [.text, .json, .github, .gitlab, .sarif]
    guard format >= 0, Int(format) < formats.count else { return -1 }
    let (diagnostics, sources) = lastDiagnostics
    output = Array(DiagnosticRenderer(sources: sources).render(diagnostics, as: formats[Int(format)]).utf8)
    return Int32(clamping: diagnostics.count)
}

/// Renders one diagnostic of the last load, by its index in the load's order, into
/// the output, in a format of `coinage_render_diagnostics`. Returns 0, or -1 for an
/// index or a format out of range.
@_expose(wasm, "coinage_render_diagnostic")
@_cdecl("coinage_render_diagnostic")
public func coinageRenderDiagnostic(_ index: Int32, _ format: Int32) -> Int32 {
    let formats: [DiagnosticFormat] = [.text, .json, .github, .gitlab, .sarif]
    let (diagnostics, sources) = lastDiagnostics
    guard format >= 0, Int(format) < formats.count, index >= 0, Int(index) < diagnostics.count else { return -1 }
    output = Array(DiagnosticRenderer(sources: sources).render([diagnostics[Int(index)]], as: formats[Int(format)]).utf8)
    return 0
}

/// Gives back a handle; quoting with it afterwards fails.
@_expose(wasm, "coinage_close")
@_cdecl("coinage_close")
public func coinageClose(_ handle: Int32) {
    guard handle > 0, Int(handle) <= loaded.count else { return }
    loaded[Int(handle) - 1] = nil
}

/// Quotes one JSON request into the line `coinage quote --batch` writes for it as
/// the only line of its input, without the newline; a request without `at` is
/// priced at `now` (seconds since 1970, UTC). Returns 0 for a quote, 1 for a
/// refusal (the output is its error object), -1 for a closed or unknown handle.
@_expose(wasm, "coinage_quote")
@_cdecl("coinage_quote")
public func coinageQuote(_ handle: Int32, _ request: Int, _ length: Int, _ now: Int64) -> Int32 {
    guard let quoter = quoter(handle) else { return -1 }
    let result = BatchLines.quote(request: bytes(at: request, count: length), with: quoter.at(now))
    output = result.bytes
    if output.last == 10 { output.removeLast() }
    return result.refused == 0 ? 0 : 1
}

/// Quotes request lines into the lines `coinage quote --batch` writes for the same
/// bytes. Returns the number of refused lines, or -1 for a closed or unknown handle.
@_expose(wasm, "coinage_quote_lines")
@_cdecl("coinage_quote_lines")
public func coinageQuoteLines(_ handle: Int32, _ lines: Int, _ length: Int, _ now: Int64) -> Int32 {
    guard let quoter = quoter(handle) else { return -1 }
    let result = BatchLines.quote(buffer: bytes(at: lines, count: length), with: quoter.at(now))
    output = result.bytes
    return Int32(clamping: result.refused)
}

/// The SHA-256 content hash of the rules (a quote's `rules`), into the output.
@_expose(wasm, "coinage_rules_hash")
@_cdecl("coinage_rules_hash")
public func coinageRulesHash(_ handle: Int32) -> Int32 {
    guard let quoter = quoter(handle) else { return -1 }
    output = Array(quoter.book.contentHash.utf8)
    return 0
}

private func quoter(_ handle: Int32) -> BatchQuoter? {
    guard handle > 0, Int(handle) <= loaded.count else { return nil }
    return loaded[Int(handle) - 1]
}

/// The host's bytes at `address`, as a buffer (empty for a null address).
func bytes(at address: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
    guard count > 0, let start = UnsafePointer<UInt8>(bitPattern: address) else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: start, count: count)
}
