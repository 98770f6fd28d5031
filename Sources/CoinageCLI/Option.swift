/// Every option of every `coinage` command, by key: a command declares the ones it
/// accepts and reads them by key, so a misspelt option is a compile error, not an
/// option that silently never matches.
enum Option: String, CaseIterable, Sendable {
    case rules = "--rules"
    case format = "--format"
    case strict = "--strict"
    case allow = "--allow"
    case now = "--now"
    case at = "--at"
    case region = "--region"
    case channel = "--channel"
    case user = "--user"
    case code = "--code"
    case arm = "--arm"
    case json = "--json"
    case explain = "--explain"
    case batch = "--batch"
    case count = "--count"
    case filter = "--filter"
    case coverage = "--coverage"
    case minCoverage = "--min-coverage"
    case check = "--check"
    case diff = "--diff"
    // `coinage timeline`
    case from = "--from"
    case to = "--to"
    // `coinage diff`
    case prove = "--prove"
    case claims = "--claims"
    case proveBudget = "--prove-budget"
    case sarif = "--sarif"
    case experiments = "--experiments"
    // `coinage serve`
    case host = "--host"
    case port = "--port"
    case accessLog = "--access-log"
    case noWatch = "--no-watch"
    case maxBodyBytes = "--max-body-bytes"
    case maxHeaderBytes = "--max-header-bytes"
    case maxHeaders = "--max-headers"
    case maxURLBytes = "--max-url-bytes"
    case maxConnections = "--max-connections"
    case idleTimeout = "--idle-timeout"
    case requestTimeout = "--request-timeout"

    /// The option as the command line spells it: `--rules`.
    var name: String { rawValue }
}

/// An option a command accepts.
struct OptionSpec {
    let option: Option
    /// Nil for a flag; otherwise how the value is shown in help (`FORMAT`).
    let valueName: String?
    /// Allowed values, when the option takes one of a fixed set.
    let choices: [String]
    let repeatable: Bool
    let help: String

    var name: String { option.name }

    static func flag(_ option: Option, _ help: String) -> OptionSpec {
        OptionSpec(option: option, valueName: nil, choices: [], repeatable: false, help: help)
    }

    static func value(_ option: Option, _ valueName: String, choices: [String] = [], repeatable: Bool = false,
                      _ help: String) -> OptionSpec {
        OptionSpec(option: option, valueName: valueName, choices: choices, repeatable: repeatable, help: help)
    }
}
