@testable import CoinageCLI
import Testing

/// `coinage lsp` on the command line (the protocol itself is tested in
/// CoinageLanguageServerTests and, through the binary, in editors/lsp-tests).
@Suite struct LspCommandTests {
    @Test func helpShowsTheUsageAndSucceeds() {
        let result = runCoinage(["lsp", "--help"])
        #expect(result.status == .success)
        #expect(result.out.contains("usage: coinage lsp [--rules DIR]"))
    }

    @Test func anExtraArgumentIsAUsageError() {
        let result = runCoinage(["lsp", "extra"])
        #expect(result.status == .usage)
        #expect(result.err.hasPrefix("error: unexpected argument `extra`\n"))
    }
}
