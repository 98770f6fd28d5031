import CoinageJSON
import CoinageSyntax

extension UserValue {
    /// A fact as the batch reader takes it: bools and ints as JSON literals, dates
    /// and `one of` values as strings.
    public var jsonValue: JSONValue {
        switch self {
        case .bool(let flag): .bool(flag)
        case .int(let number): .integer(number)
        case .date(let date): .string(date.description)
        case .value(let text): .string(text)
        }
    }
}

/// The one place a request is written out as text: as a JSON line of
/// `coinage quote --batch`, as the lines of a `test` block, and as a shell command.
extension QuoteRequest {
    /// The request as one JSON line of `coinage quote --batch`, the shape the batch
    /// reader takes: `{"bundle":"coins_700","region":"DE","channel":"web",
    /// "at":"2026-11-28T10:00:00Z","user":{...},"codes":[...],"redemptions":{...}}`.
    public var jsonLine: String { jsonValue.serialized() }

    /// The request as a JSON document of the batch reader's shape. Members without a
    /// value (no channel, no facts, codes or counters) are left out; facts and
    /// counters are in name order, so the document is the same every time.
    public var jsonValue: JSONValue {
        var members: [(String, JSONValue)] = switch item {
        case .bundle(let name): [("bundle", .string(name))]
        case .coins(let count): [("coins", .integer(count))]
        }
        members.append(("region", .string(region)))
        if let channel { members.append(("channel", .string(channel))) }
        members.append(("at", .string(CivilTime.format(instant) + "Z")))
        if !user.isEmpty {
            members.append(("user", .object(user.sorted { $0.key < $1.key }.map { name, value in (name, value.jsonValue) })))
        }
        if !codes.isEmpty { members.append(("codes", .array(codes.map(JSONValue.string)))) }
        if !redemptions.isEmpty {
            members.append(("redemptions", .object(redemptions.sorted { $0.key < $1.key }.map { promotion, counts in
                (promotion, .object([("total", .integer(counts.total)), ("user", .integer(counts.perUser))]))
            })))
        }
        if explain { members.append(("explain", .bool(true))) }
        return .object(members)
    }

    /// The request as the lines of a `test` block, so a report can show how to write
    /// a test that makes it: `quote coins_700 in DE on web at 2026-11-28T09:00:00`,
    /// then its `user`, `code` and `redeemed` lines. The time is written in UTC.
    public var testLines: [String] { testLines(namingUTC: false) }

    /// The same lines; with `namingUTC`, the `quote` line says `UTC` after the time.
    package func testLines(namingUTC: Bool) -> [String] {
        var lines = ["quote \(cellText) at \(CivilTime.format(instant))" + (namingUTC ? " UTC" : "")]
        if !user.isEmpty {
            lines.append("user " + user.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.testText)" }.joined(separator: ", "))
        }
        lines += codes.map { "code \(Self.ruleString($0))" }
        for (promotion, counts) in redemptions.sorted(by: { $0.key < $1.key }) {
            lines.append("redeemed \(promotion) \(counts.total), \(counts.perUser) per user")
        }
        return lines
    }

    /// `coins_700 in DE on web`, `5000 coins in US on web`: the cell, as a `quote`
    /// line and reports write it.
    package var cellText: String {
        "\(itemText) in \(region)" + (channel.map { " on \($0)" } ?? "")
    }

    /// A shell command that makes this quote: `coinage quote coins_700 --region DE
    /// --channel web --at 2026-11-28T10:00:00Z ...`, or, when the request needs
    /// redemption counters, which have no flag, the `--batch` form with its JSON line.
    /// Every word that a POSIX shell would read otherwise is single-quoted.
    ///
    /// `rulesDirectory` is named with `--rules` unless it is nil or the default `rules`;
    /// `arm` (`EXPERIMENT=ARM`) is forced with `--arm`.
    package func commandLine(rulesDirectory: String? = nil, arm: String? = nil) -> String {
        var directory = rulesDirectory.flatMap { $0 == "rules" ? nil : " --rules \(Self.shellQuoted($0))" } ?? ""
        if !redemptions.isEmpty {
            // The batch form forces an arm in the line (`"arms"`), as `--arm` is not a batch flag.
            var line = jsonValue
            if let arm, let equals = arm.firstIndex(of: "="), case .object(var members) = line {
                members.append(("arms", .object([(String(arm[..<equals]), .string(String(arm[arm.index(after: equals)...])))])))
                line = .object(members)
            }
            return "echo \(Self.shellQuoted(line.serialized())) | coinage quote --batch\(directory)"
        }
        if let arm { directory += " --arm \(Self.shellQuoted(arm))" }
        let item = switch item {
        case .bundle(let name): Self.shellQuoted(name)
        case .coins(let count): "\(count) coins"
        }
        var words = ["coinage quote \(item)\(directory) --region \(Self.shellQuoted(region))"]
        if let channel { words.append("--channel \(Self.shellQuoted(channel))") }
        words.append("--at \(CivilTime.format(instant))Z")
        for (name, value) in user.sorted(by: { $0.key < $1.key }) {
            words.append("--user \(Self.shellQuoted("\(name)=\(value.ruleText)"))")
        }
        for code in codes { words.append("--code \(Self.shellQuoted(code))") }
        return words.joined(separator: " ")
    }

    /// `coins_700`, `5000 coins`.
    private var itemText: String {
        switch item {
        case .bundle(let name): name
        case .coins(let count): "\(count) coins"
        }
    }

    /// A string of the rule language between double quotes: only `"` and `\` are
    /// escaped there (Docs/Language.md, Strings).
    package static func ruleString(_ text: String) -> String {
        var result = "\""
        for character in text {
            if character == "\"" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result + "\""
    }

    /// `text` as one word of a POSIX shell: as it is when it holds only letters,
    /// digits and `_-./=:`, else single-quoted.
    package static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 48 && scalar.value <= 57) || (scalar.value >= 65 && scalar.value <= 90)
                || (scalar.value >= 97 && scalar.value <= 122) || "_-./=:".unicodeScalars.contains(scalar)
        }
        return plain ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
