@testable import CoinageCLI
import Testing

/// Command lines that used to be misread: an option taken for another's value, a
/// `--user` key given twice, `help` for a command that does not exist, and names
/// the rules do not declare given to `prices` and `gift` (usage errors, exit 2).
@Suite struct FlagTests {
    static let pricing = Snapshot.fixture("pricing")
    static let promotions = Snapshot.fixture("promotions")

    @Test func anOptionIsNotTakenAsTheValueOfTheOneBefore() {
        let result = runCoinage(["quote", "coins_70", "--region", "--json", "--rules", Self.pricing])
        #expect(result.status == .usage && result.out.isEmpty)
        #expect(result.err == """
            error: `--region` needs a value
            help: `--json` is an option; to give it as the value, write `--region=--json`
            usage: \(QuoteCommand.usage)

            """)
        // Also with an inline value and for `--help`.
        #expect(runCoinage(["quote", "coins_70", "--region", "--rules=\(Self.pricing)"]).err
            .hasPrefix("error: `--region` needs a value\nhelp: `--rules=\(Self.pricing)` is an option;"))
        #expect(runCoinage(["test", "--filter", "--help"]).status == .usage)
        // Written inline, a value may start with `--`: here it is simply no region.
        let inline = runCoinage(["quote", "coins_70", "--region=--json", "--channel", "web", "--rules", Self.pricing])
        #expect(inline.status == .failure)
        #expect(inline.err.hasPrefix("error: unknown region `--json`\n"))
        // A value that starts with `--` but names no option is still a value.
        #expect(runCoinage(["test", Snapshot.fixture("tests-pass"), "--filter", "--nothing"]).err
            == "error: nothing to run: no test title in `\(Snapshot.fixture("tests-pass"))` contains `--nothing`\n")
    }

    @Test func aUserKeyGivenTwiceIsRefused() {
        let arguments = ["quote", "coins_700", "--region", "US", "--channel", "ios", "--user", "segment=vip",
                         "--user", "segment=new"]
        let result = runCoinage(arguments + ["--rules", Self.promotions])
        #expect(result.status == .usage && result.out.isEmpty)
        #expect(result.err.hasPrefix("error: `--user` gives `segment` more than once\nhelp: give `segment` once"))
        // Found before any rules are read.
        #expect(runCoinage(arguments + ["--rules", "/nonexistent"]).err.hasPrefix("error: `--user` gives `segment` more than once\n"))
        #expect(runCoinage(["quote", "coins_700", "--region", "US", "--channel", "ios", "--user", "segment=vip",
                            "--rules", Self.promotions]).status == .success)
    }

    @Test func helpForAnUnknownCommandIsAnError() {
        let misspelt = runCoinage(["help", "chek"])
        #expect(misspelt.status == .usage && misspelt.out.isEmpty)
        #expect(misspelt.err == "error: unknown command `chek`\nhelp: did you mean `check`?\nusage: coinage help [COMMAND]\n")
        let unknown = runCoinage(["help", "nonexist"])
        #expect(unknown.status == .usage)
        #expect(unknown.err == "error: unknown command `nonexist`\nusage: coinage help [COMMAND]\n")
        #expect(runCoinage(["--help", "nonexist"]).status == .usage)
        #expect(runCoinage(["help", "check", "extra"]).err.hasPrefix("error: unexpected argument `extra`\n"))
        #expect(runCoinage(["help"]).status == .success)
        #expect(runCoinage(["help", "--help"]).out == runCoinage([]).out)
    }

    @Test func aChannelFilterOnRulesWithoutChannels() throws {
        let rules = try ScratchRules()
        defer { rules.remove() }
        let result = runCoinage(["prices", "--channel", "web", "--rules", rules.path])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: unknown channel `web`\nhelp: the rules declare no channels; leave out `--channel`\n"))
    }

    @Test func refusedQuotesStayAtOne() {
        // A quote the rules refuse is not a usage error: the README keeps it at 1.
        #expect(runCoinage(["quote", "coins_70", "--region", "XX", "--channel", "web", "--rules", Self.pricing]).status == .failure)
        #expect(runCoinage(["quote", "coins_70", "--region", "US", "--channel", "tv", "--rules", Self.pricing]).status == .failure)
        #expect(runCoinage(["quote", "coins_7", "--region", "US", "--channel", "web", "--rules", Self.pricing]).status == .failure)
    }
}
