import CoinageCLI
import Testing

@Suite struct UsageTests {
    @Test func overviewListsCommands() {
        let result = runCoinage(["--help"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "help.txt")
        #expect(runCoinage([]).out == result.out)
    }

    @Test func commandHelp() {
        let result = runCoinage(["check", "--help"])
        #expect(result.status == .success)
        Snapshot.expect(result.out, matches: "check-help.txt")
        #expect(runCoinage(["help", "check"]).out == result.out)
    }

    @Test func version() {
        let result = runCoinage(["--version"])
        #expect(result.status == .success)
        #expect(result.out.hasPrefix("coinage "))
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let result = runCoinage(["chek", "rules"])
        #expect(result.status == .usage)
        #expect(result.out.isEmpty)
        #expect(result.err == """
            error: unknown command `chek`
            help: did you mean `check`?
            usage: coinage COMMAND [OPTIONS]

            """)
    }

    @Test func unknownOptionSuggestsTheNearestOne() {
        let result = runCoinage(["check", "--formt", "json"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: unknown option `--formt`\nhelp: did you mean `--format`?\nusage: coinage check"))
    }

    @Test func invalidChoiceListsTheChoices() {
        let result = runCoinage(["check", "--format", "xml"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `xml` is not a valid value for `--format`\nhelp: choose one of: text, json, github, gitlab, sarif\n"))
    }

    @Test func optionWithoutItsValue() {
        let result = runCoinage(["check", "--format"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `--format` needs a value\n"))
    }

    @Test func inlineValuesAreAccepted() {
        let result = runCoinage(["check", Snapshot.fixture("clean"), "--format=json"])
        #expect(result.status == .success)
        #expect(result.out.hasPrefix("{"))
    }

    @Test func repeatedOptionIsRefused() {
        let result = runCoinage(["check", "--format", "json", "--format", "text"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `--format` is given more than once\n"))
    }

    @Test func flagWithAValueIsRefused() {
        let result = runCoinage(["check", "--strict=yes"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: `yes` is not a valid value for `--strict`: it is a flag and takes no value\n"))
    }

    @Test func twoDirectoriesAreRefused() {
        let result = runCoinage(["check", "a", "b"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: unexpected argument `b`\n"))
    }
}
