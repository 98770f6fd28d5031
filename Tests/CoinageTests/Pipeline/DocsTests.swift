import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// The docs list what the code has: every diagnostic code has its entry.
@Suite struct DocsTests {
    static let docs = RepositoryPaths.file("Docs")

    @Test func everyDiagnosticCodeHasAHeadingInDiagnosticsDoc() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("Diagnostics.md"), encoding: .utf8)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        for code in DiagnosticCode.allCases {
            #expect(headings.contains { $0.contains(code.rawValue) }, "Docs/Diagnostics.md has no heading for \(code.rawValue)")
        }
    }
}
