@testable import CoinageCLI
import Testing

/// Options read by key (`Option`), and the one reader of instants on the command
/// line (`ParsedArguments.instant`), which `check --now`, `quote --at` and
/// `diff --at` share.
@Suite struct OptionTests {
    static let specs: [OptionSpec] = [
        .value(.rules, "DIR", "the rules"),
        .value(.at, "T", "the instant"),
        .value(.now, "T", "now"),
        .value(.user, "K=V", repeatable: true, "a fact"),
        .flag(.json, "JSON"),
    ]

    static func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        try ParsedArguments(arguments, options: specs)
    }

    @Test func everyOptionIsSpelledWithTwoDashesAndOnce() {
        let names = Option.allCases.map(\.name)
        #expect(names.allSatisfy { $0.hasPrefix("--") && $0.dropFirst(2).allSatisfy { $0.isLowercase || $0 == "-" } })
        #expect(Set(names).count == names.count)
    }

    @Test func everyCommandDeclaresEachOptionOnce() {
        for command in CoinageCLI.commands {
            let options = command.options.map(\.option)
            #expect(Set(options).count == options.count, "\(command.name)")
        }
    }

    @Test func valuesAndFlagsAreReadByKey() throws {
        let parsed = try Self.parse(["--rules", "shop", "--user", "a=1", "--user=b=2", "--json", "extra"])
        #expect(parsed.value(.rules) == "shop")
        #expect(parsed.allValues(.user) == ["a=1", "b=2"])
        #expect(parsed.flag(.json))
        #expect(!parsed.flag(.now))
        #expect(parsed.value(.at) == nil)
        #expect(parsed.positionals == ["extra"])
    }

    @Test func anOptionOfAnotherCommandIsUnknownHere() {
        #expect(throws: UsageError.unknownOption("--region", suggestion: nil)) { try Self.parse(["--region", "DE"]) }
        #expect(throws: UsageError.repeatedOption("--rules")) { try Self.parse(["--rules", "a", "--rules", "b"]) }
    }

    @Test(arguments: [
        ("2026-11-28", Int64(1_795_824_000)),
        ("2026-11-28T10:00Z", 1_795_860_000),
        ("2026-11-28T10:00:30Z", 1_795_860_030),
        ("2026-11-28T11:00+01:00", 1_795_860_000),
        ("2026-11-28T10:00", 1_795_860_000),
    ])
    func anInstantIsReadInEveryFormARequestTakes(text: String, expected: Int64) throws {
        #expect(try Self.parse(["--at", text]).instant(.at) == expected)
        #expect(try Self.parse(["--now", text]).instant(.now) == expected)
    }

    @Test func aMissingInstantIsNil() throws {
        #expect(try Self.parse([]).instant(.at) == nil)
    }

    @Test(arguments: ["tomorrow", "2026-13-01", "2026-11-28 10:00", "28.11.2026", ""])
    func aWrongInstantIsTheSameUsageErrorForEachOption(text: String) throws {
        for option in [Option.at, .now] {
            let parsed = try Self.parse([option.name, text])
            #expect(throws: UsageError.invalidValue(option: option.name, value: text,
                                                    reason: "write a date or a date-time, e.g. `2026-11-28` or `2026-11-28T10:00Z`")) {
                try parsed.instant(option)
            }
        }
    }

    @Test func theCommandsSayTheSameAboutAWrongInstant() {
        let fixture = Snapshot.fixture("pricing")
        let runs = [
            runCoinage(["check", fixture, "--now", "soon"]),
            runCoinage(["quote", "coins_70", "--region", "DE", "--rules", fixture, "--at", "soon"]),
            runCoinage(["diff", fixture, fixture, "--at", "soon"]),
        ]
        for (run, option) in zip(runs, ["--now", "--at", "--at"]) {
            #expect(run.status == .usage)
            #expect(run.err.hasPrefix("error: `soon` is not a valid value for `\(option)`: write a date or a date-time"))
        }
    }
}
