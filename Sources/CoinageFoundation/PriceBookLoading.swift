import CoinageIO
import Coinage
import CoinageSyntax

/// Why a rules directory gave no price book.
public enum RulesError: Error, CustomStringConvertible {
    /// The directory or a file in it could not be read.
    case unreadable(RulesLoadError)
    /// The rules have errors; the result holds every diagnostic and the sources.
    case invalid(CheckResult)

    public var description: String {
        switch self {
        case .unreadable(let error):
            return error.description
        case .invalid(let result):
            let errors = result.diagnostics.filter { $0.severity == .error }
            return DiagnosticRenderer(sources: result.sources).render(errors, as: .text)
        }
    }
}

extension Pipeline {
    /// Reads the `*.coin` files of a directory (or one file) and runs the pipeline on
    /// them, validating zone names against the system's IANA database: the loader
    /// behind `PriceBook.load` and every CLI command that reads rules.
    ///
    /// Only reading throws; problems in the rules are diagnostics of the result.
    public static func load(rulesDirectory path: String, analysis: AnalysisOptions? = nil,
                            allow: [Allowance] = []) throws(RulesLoadError) -> PipelineResult {
        let sources = try RulesDirectory.load(path)
        return check(sources: sources, zones: SystemTimeZones(), analysis: analysis, allow: allow)
    }
}

extension PriceBook {
    /// Loads the `*.coin` files of a directory, checks them and compiles the price
    /// book: the one call a service makes at start-up (or when its rules change).
    ///
    /// Zone names are validated against the system's IANA database.
    public static func load(rulesDirectory path: String) throws(RulesError) -> PriceBook {
        let result: PipelineResult
        do {
            result = try Pipeline.load(rulesDirectory: path)
        } catch {
            throw .unreadable(error)
        }
        guard let book = result.priceBook else { throw .invalid(result.checked) }
        return book
    }
}
