import Coinage
import CoinageSyntax

extension QuoteJSON {
    /// A request in the shape `coinage quote --batch` reads, so a script can replay
    /// it: `{"bundle":"coins_700","region":"DE","channel":"web","at":"2026-11-28T10:00:00Z",
    /// "user":{...},"codes":[...],"redemptions":{...}}`.
    ///
    /// Members without a value (no channel, no facts, codes or counters) are left
    /// out, and facts and counters are in name order, so the document is the same
    /// every time. Compact, it is `QuoteRequest.jsonLine` to the byte (a test holds
    /// the two together); the core writes that line itself because it cannot see
    /// this module.
    public static func request(_ request: QuoteRequest) -> JSONValue {
        var members: [(String, JSONValue)] = []
        switch request.item {
        case .bundle(let name): members.append(("bundle", .string(name)))
        case .coins(let amount): members.append(("coins", .integer(amount)))
        }
        members.append(("region", .string(request.region)))
        if let channel = request.channel { members.append(("channel", .string(channel))) }
        members.append(("at", .string(CivilTime.format(request.instant) + "Z")))
        if !request.user.isEmpty {
            members.append(("user", .object(request.user.sorted { $0.key < $1.key }.map { name, value in
                (name, userValue(value))
            })))
        }
        if !request.codes.isEmpty { members.append(("codes", .array(request.codes.map(JSONValue.string)))) }
        if !request.redemptions.isEmpty {
            members.append(("redemptions", .object(request.redemptions.sorted { $0.key < $1.key }.map { promotion, counts in
                (promotion, .object([("total", .integer(counts.total)), ("user", .integer(counts.perUser))]))
            })))
        }
        if request.explain { members.append(("explain", .bool(true))) }
        return .object(members)
    }

    /// A fact as the batch reader takes it: bools and ints as JSON literals, dates
    /// and `one of` values as strings.
    public static func userValue(_ value: UserValue) -> JSONValue {
        switch value {
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(number)
        case .date(let date): .string(date.description)
        case .value(let text): .string(text)
        }
    }
}
