import Coinage
import CoinageIO
import CoinageJSON

/// The list-price matrix of the rules, as `coinage prices --format json` writes it
/// (pretty JSON, a newline after): every bundle in every region on every channel,
/// or only `channel` and only `region` when given (a length of 0 gives all). Returns
/// 0 with the JSON in the output; 1 when the channel or region is not in the rules,
/// the output then `error: unknown channel `x`` and a help line; -1 for a closed or
/// unknown handle.
@_expose(wasm, "coinage_prices")
@_cdecl("coinage_prices")
public func coinagePrices(_ handle: Int32, _ channel: Int, _ channelLength: Int, _ region: Int, _ regionLength: Int) -> Int32 {
    guard handle > 0, Int(handle) <= loaded.count, let quoter = loaded[Int(handle) - 1] else { return -1 }
    let rules = quoter.rules
    let channelNames = rules.channels.map { $0.name }
    var channels: [String?] = channelNames.isEmpty ? [nil] : channelNames.map { Optional($0) }
    if channelLength > 0 {
        let wanted = String(decoding: bytes(at: channel, count: channelLength), as: UTF8.self)
        guard rules.channel(wanted) != nil else {
            let help = channelNames.isEmpty ? "the rules declare no channels; leave out the channel"
                                            : Suggestion.help(for: wanted, among: channelNames)
            return refuse("unknown channel `\(wanted)`", help: help)
        }
        channels = [Optional(wanted)]
    }
    var onlyRegion: String?
    if regionLength > 0 {
        let wanted = String(decoding: bytes(at: region, count: regionLength), as: UTF8.self)
        let codes = rules.regions.map { $0.code }
        guard codes.contains(wanted) else {
            return refuse("unknown region `\(wanted)`", help: Suggestion.help(for: wanted, among: codes))
        }
        onlyRegion = wanted
    }
    let cells = PriceMatrix.cells(rules, book: quoter.book, channels: channels, region: onlyRegion)
    output = Array((PriceMatrix.json(cells).serialized(pretty: true) + "\n").utf8)
    return 0
}

/// `error: MESSAGE` and `help: HELP` lines into the output; returns 1.
private func refuse(_ message: String, help: String?) -> Int32 {
    output = Array(("error: \(message)\n" + (help.map { "help: \($0)\n" } ?? "")).utf8)
    return 1
}
