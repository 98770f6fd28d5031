import Coinage
import CoinageSyntax

/// Why a command line could not be understood. Every case leads to exit status 2.
enum UsageError: Error, Equatable {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, suggestion: String?)
    case missingValue(option: String)
    case invalidChoice(option: String, value: String, choices: [String])
    case repeatedOption(String)
    case unexpectedArgument(String)
    case missingArgument(String)
    case invalidValue(option: String, value: String, reason: String)
    /// An option's value was left out and the next option taken for it: `--region --json`.
    case optionAsValue(option: String, next: String)
    /// A repeatable `KEY=VALUE` option gives the same key twice.
    case repeatedKey(option: String, key: String)
    /// A name on the command line that the rules do not declare: `--channel nope`.
    case unknownName(kind: String, name: String, help: String?)
    /// A `local` time given where no region decides its zone: `diff --at "… local"`.
    case localWithoutRegion(option: String, value: String)
    /// An option of a single quote given with `--batch`, whose request lines say it.
    case notWithBatch(String)

    var message: String {
        switch self {
        case .unknownCommand(let name, _): "unknown command `\(name)`"
        case .unknownOption(let name, _): "unknown option `\(name)`"
        case .missingValue(let option): "`\(option)` needs a value"
        case let .invalidChoice(option, value, _): "`\(value)` is not a valid value for `\(option)`"
        case .repeatedOption(let option): "`\(option)` is given more than once"
        case .unexpectedArgument(let argument): "unexpected argument `\(argument)`"
        case .missingArgument(let name): "missing \(name)"
        case let .invalidValue(option, value, reason): "`\(value)` is not a valid value for `\(option)`: \(reason)"
        case .optionAsValue(let option, _): "`\(option)` needs a value"
        case let .repeatedKey(option, key): "`\(option)` gives `\(key)` more than once"
        case let .unknownName(kind, name, _): "unknown \(kind) `\(name)`"
        case let .localWithoutRegion(option, value):
            "`\(value)` is not a valid value for `\(option)`: a `local` time needs a region, and this instant is the same for every region"
        case .notWithBatch(let option): "`\(option)` is not taken with `--batch`"
        }
    }

    var help: String? {
        switch self {
        case .unknownCommand(_, let suggestion), .unknownOption(_, let suggestion):
            suggestion.map { "did you mean `\($0)`?" }
        case let .invalidChoice(_, _, choices):
            "choose one of: \(choices.joined(separator: ", "))"
        case let .optionAsValue(option, next):
            "`\(next)` is an option; to give it as the value, write `\(option)=\(next)`"
        case let .repeatedKey(option, key):
            "give `\(key)` once: one `\(option)` sets one value"
        case .unknownName(_, _, let help):
            help
        case .localWithoutRegion:
            "write the instant in UTC or with an offset, e.g. `2026-11-28T19:00Z` or `2026-11-28T19:00+01:00`"
        case .notWithBatch:
            "with `--batch`, each request line gives its own `region`, `channel`, `at`, `user`, `codes` and `explain`, and every quote is written as JSON"
        default:
            nil
        }
    }
}

/// A command line read against a command's options.
struct ParsedArguments {
    private(set) var positionals: [String] = []
    private var values: [Option: [String]] = [:]
    private var flags: Set<Option> = []
    private(set) var wantsHelp = false

    init(_ arguments: [String], options: [OptionSpec]) throws(UsageError) {
        let byName = Dictionary(uniqueKeysWithValues: options.map { ($0.name, $0) })
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            if argument == "--help" || argument == "-h" { wantsHelp = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let spec = byName[name] else {
                throw .unknownOption(name, suggestion: Suggestion.closest(to: name, among: options.map(\.name)))
            }
            guard spec.valueName != nil else {
                if inlineValue != nil { throw .invalidValue(option: name, value: inlineValue ?? "", reason: "it is a flag and takes no value") }
                flags.insert(spec.option)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard index < arguments.count else { throw .missingValue(option: name) }
                value = arguments[index]
                // `--region --json` is a forgotten value, not a region named `--json`.
                let next = value.split(separator: "=", maxSplits: 1).first.map(String.init) ?? value
                if value.hasPrefix("--"), byName[next] != nil || next == "--help" {
                    throw .optionAsValue(option: name, next: value)
                }
                index += 1
            }
            if !spec.choices.isEmpty, !spec.choices.contains(value) {
                throw .invalidChoice(option: name, value: value, choices: spec.choices)
            }
            if !spec.repeatable, values[spec.option] != nil { throw .repeatedOption(name) }
            values[spec.option, default: []].append(value)
        }
    }

    func value(_ option: Option) -> String? { values[option]?.last }
    func allValues(_ option: Option) -> [String] { values[option] ?? [] }
    func flag(_ option: Option) -> Bool { flags.contains(option) }

    /// The instant an option gives (`--at`, `--now`), or nil when it is not given,
    /// for a command whose instant is the same for every region: a `local` time is
    /// refused, since no region's zone can decide it.
    func instant(_ option: Option) throws(UsageError) -> Int64? {
        switch try writtenInstant(option) {
        case nil: return nil
        case .instant(let instant): return instant
        case .local: throw .localWithoutRegion(option: option.name, value: value(option) ?? "")
        }
    }

    /// What an option gives as an instant: an instant (`2026-11-28T18:00Z`, or a
    /// date-time without a zone, read in UTC), or a wall-clock time followed by
    /// `local` (`2026-11-28T19:00 local`) that the request's region places.
    ///
    /// The one reader of instants on the command line, so every command takes the
    /// same forms and says the same when one is wrong.
    func writtenInstant(_ option: Option) throws(UsageError) -> WrittenInstant? {
        guard let text = value(option) else { return nil }
        if let space = text.lastIndex(of: " "), text[text.index(after: space)...] == "local" {
            var clock = text[..<space]
            while clock.last == " " { clock = clock.dropLast() }
            if let wallClock = InstantParser.parseWallClock(String(clock)) { return .local(wallClock: wallClock) }
            throw .invalidValue(option: option.name, value: text,
                                reason: "before `local` write a date or a date-time with no zone, e.g. `2026-11-28T19:00 local`")
        }
        guard let instant = InstantParser.parse(text) else {
            throw .invalidValue(option: option.name, value: text,
                                reason: "write a date or a date-time, e.g. `2026-11-28` or `2026-11-28T10:00Z`")
        }
        return .instant(instant)
    }
}

/// An instant as the command line writes it.
enum WrittenInstant: Hashable {
    /// Seconds since 1970-01-01T00:00:00Z.
    case instant(Int64)
    /// A wall-clock time in the zone of the request's region, in seconds as if UTC.
    case local(wallClock: Int64)
}
