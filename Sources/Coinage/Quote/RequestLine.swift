extension QuoteRequest {
    /// The request as one JSON line of `coinage quote --batch`, the shape the batch
    /// reader takes: `{"bundle":"coins_700","region":"DE","channel":"web",
    /// "at":"2026-11-28T10:00:00Z","user":{...},"codes":[...],"redemptions":{...}}`.
    /// Members without a value (no channel, no facts, codes or counters) are left
    /// out; facts and counters are in name order, so the line is the same every time.
    public var jsonLine: String {
        var members: [String] = switch item {
        case .bundle(let name): ["\"bundle\":\(Self.quoted(name))"]
        case .coins(let count): ["\"coins\":\(count)"]
        }
        members.append("\"region\":\(Self.quoted(region))")
        if let channel { members.append("\"channel\":\(Self.quoted(channel))") }
        members.append("\"at\":\"\(CivilTime.format(instant))Z\"")
        if !user.isEmpty {
            let facts = user.sorted { $0.key < $1.key }.map { name, value -> String in
                switch value {
                case .bool, .int: "\(Self.quoted(name)):\(value.ruleText)"
                case .date, .value: "\(Self.quoted(name)):\(Self.quoted(value.ruleText))"
                }
            }
            members.append("\"user\":{\(facts.joined(separator: ","))}")
        }
        if !codes.isEmpty { members.append("\"codes\":[\(codes.map(Self.quoted).joined(separator: ","))]") }
        if !redemptions.isEmpty {
            let counters = redemptions.sorted { $0.key < $1.key }
                .map { "\(Self.quoted($0.key)):{\"total\":\($0.value.total),\"user\":\($0.value.perUser)}" }
            members.append("\"redemptions\":{\(counters.joined(separator: ","))}")
        }
        if explain { members.append("\"explain\":true") }
        return "{\(members.joined(separator: ","))}"
    }

    /// A string between double quotes, with quotes and backslashes escaped: the
    /// same in JSON and in the rule language.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }
}
