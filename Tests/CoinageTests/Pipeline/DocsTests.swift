import CoinageSyntax
import CoinageTestSupport
import Foundation
import Testing

/// The docs list what the code has: every diagnostic code has its entry, and no
/// page says a command lacks what it does.
@Suite struct DocsTests {
    static let docs = RepositoryPaths.file("Docs")

    @Test func everyDiagnosticCodeHasAHeadingInDiagnosticsDoc() throws {
        let text = try String(contentsOf: Self.docs.appendingPathComponent("Diagnostics.md"), encoding: .utf8)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("#") }
        for code in DiagnosticCode.allCases {
            #expect(headings.contains { $0.contains(code.rawValue) }, "Docs/Diagnostics.md has no heading for \(code.rawValue)")
        }
    }

    /// Statements from before prices were quoted and tests run, which once outlived
    /// the features they denied.
    @Test func noPageSaysPricesAreNotComputedOrTestsNotRun() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.docs.path).filter { $0.hasSuffix(".md") }
            .map { Self.docs.appendingPathComponent($0) } + [RepositoryPaths.file("README.md")]
        #expect(pages.count > 5)
        let stale = ["does not compute prices", "or run tests yet", "checked but not run", "not run yet", "not computed yet"]
        for page in pages {
            // One space between words, across line breaks and block-quote marks.
            let text = try String(contentsOf: page, encoding: .utf8).split(whereSeparator: \.isWhitespace)
                .filter { $0 != ">" }.joined(separator: " ")
            for phrase in stale {
                let says = text.contains(phrase)  // not in the expectation, which would print the page
                #expect(!says, "\(page.lastPathComponent) says \"\(phrase)\"")
            }
        }
    }
}
