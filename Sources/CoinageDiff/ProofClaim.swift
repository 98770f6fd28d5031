import CoinageChecker
import CoinageEngine
import CoinageSyntax

/// A statement about a rule change that `coinage diff --prove` decides over every
/// request, not a sample.
///
/// Written as `no-price-increase`, `same-quotes`, `no-lost-promotion` or
/// `unchanged-outside:bundle=a,b;region=US,DE;channel=web` (each dimension
/// optional, at least one given).
public enum ProofClaim: Hashable, Sendable, CustomStringConvertible {
    /// No request's total goes up (same currency); a changed currency counts as a rise.
    case noPriceIncrease
    /// Every request gets the same quote, or is refused for the same reason.
    case sameQuotes
    /// Every promotion applied to a request under the old rules is applied under the new.
    case noLostPromotion
    /// Every request outside the scope gets the same quote.
    case unchangedOutside(ProofScope)

    /// Reads one claim as written on the command line or in a claims file.
    public static func parse(_ text: String) -> Result<ProofClaim, ProofClaimError> {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        switch trimmed {
        case "no-price-increase": return .success(.noPriceIncrease)
        case "same-quotes": return .success(.sameQuotes)
        case "no-lost-promotion": return .success(.noLostPromotion)
        default: break
        }
        let prefix = "unchanged-outside:"
        guard trimmed.hasPrefix(prefix) else {
            return .failure(ProofClaimError(message: "unknown claim `\(trimmed)`",
                                            help: "claims are no-price-increase, same-quotes, no-lost-promotion and unchanged-outside:bundle=a,b;region=US;channel=web"))
        }
        return ProofScope.parse(String(trimmed.dropFirst(prefix.count))).map { .unchangedOutside($0) }
    }

    /// The claim as it is written.
    public var description: String {
        switch self {
        case .noPriceIncrease: "no-price-increase"
        case .sameQuotes: "same-quotes"
        case .noLostPromotion: "no-lost-promotion"
        case .unchangedOutside(let scope): "unchanged-outside:\(scope)"
        }
    }

    /// Whether the claim says anything about `request` (an `unchanged-outside` claim
    /// says nothing about a request inside its scope), so it need not be quoted.
    func concerns(_ request: QuoteRequest) -> Bool {
        if case .unchangedOutside(let scope) = self { return !scope.contains(request) }
        return true
    }

    /// Whether the quotes of `request` break the claim; the reason when they do.
    func violation(_ request: QuoteRequest, old: Result<Quote, QuoteError>, new: Result<Quote, QuoteError>) -> String? {
        switch self {
        case .sameQuotes:
            return ProofClaim.difference(old, new)
        case .unchangedOutside(let scope):
            guard !scope.contains(request) else { return nil }
            return ProofClaim.difference(old, new).map { "outside the scope, \($0)" }
        case .noPriceIncrease:
            guard case .success(let a) = old, case .success(let b) = new else { return nil }
            if a.currency != b.currency { return "the currency changed from \(a.currency) to \(b.currency)" }
            return b.total.minorUnits > a.total.minorUnits ? "the total rose from \(a.total) to \(b.total)" : nil
        case .noLostPromotion:
            guard case .success(let a) = old, !a.applied.isEmpty else { return nil }
            switch new {
            case .failure(let error): return "refused (\(error.kind.rawValue)) where `\(a.applied.joined(separator: "`, `"))` applied"
            case .success(let b):
                let lost = a.applied.filter { !b.applied.contains($0) }
                return lost.isEmpty ? nil : "`\(lost.joined(separator: "`, `"))` no longer applied"
            }
        }
    }

    /// How two outcomes of one request differ, or nil when they are the same quote:
    /// the same refusal kind, or the same currency, list price, price, tax, total,
    /// proceeds, base coins and bonus coins. Promotion names are not compared (a
    /// renamed promotion that does the same changes no quote), as in the corpus.
    static func difference(_ old: Result<Quote, QuoteError>, _ new: Result<Quote, QuoteError>) -> String? {
        switch (old, new) {
        case let (.failure(a), .failure(b)):
            return a.kind == b.kind ? nil : "refused as \(a.kind.rawValue), now as \(b.kind.rawValue)"
        case let (.failure(a), .success(b)):
            return "refused (\(a.kind.rawValue)), now quoted at \(b.total)"
        case let (.success(a), .failure(b)):
            return "quoted at \(a.total), now refused (\(b.kind.rawValue))"
        case let (.success(a), .success(b)):
            if a.currency != b.currency { return "the currency changed from \(a.currency) to \(b.currency)" }
            if a.total != b.total { return "the total changed from \(a.total) to \(b.total)" }
            if a.price != b.price { return "the price changed from \(a.price) to \(b.price)" }
            if a.list != b.list { return "the list price changed from \(a.list) to \(b.list)" }
            if a.tax.amount != b.tax.amount { return "the tax changed from \(a.tax.amount) to \(b.tax.amount)" }
            if a.proceeds != b.proceeds { return "the proceeds changed from \(a.proceeds) to \(b.proceeds)" }
            if a.coins.base != b.coins.base || a.coins.bonus != b.coins.bonus {
                return "the coins changed from \(a.coins.total) to \(b.coins.total)"
            }
            return nil
        }
    }
}

/// The part of the request space an `unchanged-outside` claim allows to change:
/// requests whose bundle, region and channel are each among the listed ones (a
/// dimension not listed allows any). `custom` names custom amounts.
public struct ProofScope: Hashable, Sendable, CustomStringConvertible {
    public let bundles: [String]?
    public let regions: [String]?
    public let channels: [String]?

    func contains(_ request: QuoteRequest) -> Bool {
        let item = switch request.item {
        case .bundle(let name): name
        case .coins: "custom"
        }
        return (bundles?.contains(item) ?? true) && (regions?.contains(request.region) ?? true)
            && (channels.map { list in request.channel.map(list.contains) ?? false } ?? true)
    }

    public var description: String {
        [("bundle", bundles), ("region", regions), ("channel", channels)]
            .compactMap { name, list in list.map { "\(name)=\($0.joined(separator: ","))" } }
            .joined(separator: ";")
    }

    static func parse(_ text: String) -> Result<ProofScope, ProofClaimError> {
        var lists: [String: [String]] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1)
            let key = pieces.first.map(String.init) ?? ""
            guard pieces.count == 2, ["bundle", "region", "channel"].contains(key), lists[key] == nil else {
                return .failure(ProofClaimError(message: "cannot read `\(part)` in `unchanged-outside:\(text)`",
                                                help: "write each of bundle=, region= and channel= at most once, with names separated by commas"))
            }
            let names = pieces[1].split(separator: ",").map(String.init)
            guard !names.isEmpty else {
                return .failure(ProofClaimError(message: "`\(key)=` lists no names in `unchanged-outside:\(text)`",
                                                help: "write the names it allows to change, separated by commas"))
            }
            lists[key] = names
        }
        guard !lists.isEmpty else {
            return .failure(ProofClaimError(message: "`unchanged-outside:` names no bundle, region or channel",
                                            help: "for example: unchanged-outside:bundle=coins_700;region=US,DE"))
        }
        return .success(ProofScope(bundles: lists["bundle"], regions: lists["region"], channels: lists["channel"]))
    }
}

/// A claim that cannot be read: the message names it, the help shows the forms.
public struct ProofClaimError: Error, Hashable, Sendable {
    public let message: String
    public let help: String
}

/// A claims file: one claim per line; `#` starts a comment; blank lines are skipped.
public enum ClaimsFile {
    /// The claims of `text`, or why the first line that cannot be read (1-based) is wrong.
    public static func parse(_ text: String) -> Result<[ProofClaim], ProofClaimError> {
        var claims: [ProofClaim] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.filter { $0 != "\r" && $0 != "\t" }.trimmingSpaces
            guard !trimmed.isEmpty else { continue }
            switch ProofClaim.parse(trimmed) {
            case .success(let claim): if !claims.contains(claim) { claims.append(claim) }
            case .failure(let error):
                return .failure(ProofClaimError(message: "line \(index + 1): " + error.message, help: error.help))
            }
        }
        return .success(claims)
    }
}

private extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
