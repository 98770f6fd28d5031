import Coinage
import CoinageFoundation
import CoinageIO
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One loaded rule set and everything a request needs from it, never changed after
/// it is made: a request reads the current snapshot once and finishes on it, even
/// when a reload swaps in another meanwhile.
public final class RulesSnapshot: @unchecked Sendable {
    public let rules: RuleSet
    public let book: PriceBook
    /// What quoting request lines against these rules needs, made once per load.
    let quoter: BatchQuoter
    /// The rules files read (`*.coin`, and `*.csv` price points), in load order.
    public let files: [String]
    /// When it was loaded, in seconds since 1970.
    public let loadedAt: Int64
    /// Counts loads from 1.
    public let generation: Int

    init(rules: RuleSet, book: PriceBook, files: [String], loadedAt: Int64, generation: Int) {
        self.rules = rules
        self.book = book
        quoter = BatchQuoter(book: book, rules: rules, now: loadedAt)
        self.files = files
        self.loadedAt = loadedAt
        self.generation = generation
    }

    public var hash: String { book.contentHash }

    /// Loads, checks and compiles a rules directory off to the side. A directory
    /// that cannot be read, or rules with errors, give the failure's text (the
    /// diagnostics as `coinage check` prints them, without colour).
    static func load(_ directory: String, generation: Int) -> Result<RulesSnapshot, RulesFailure> {
        let result: PipelineResult
        do {
            result = try Pipeline.load(rulesDirectory: directory)
        } catch {
            return .failure(RulesFailure(message: error.description, errorCount: 0, at: Int64(time(nil))))
        }
        guard let rules = result.ruleSet, let book = result.priceBook else {
            let text = DiagnosticRenderer(sources: result.sources, color: false).render(result.errors, as: .text)
            return .failure(RulesFailure(message: text, errorCount: result.errors.count, at: Int64(time(nil))))
        }
        return .success(RulesSnapshot(rules: rules, book: book, files: result.sources.files.map(\.path),
                                      loadedAt: Int64(time(nil)), generation: generation))
    }
}

/// Why a load of the rules gave no price book.
public struct RulesFailure: Error, Sendable {
    /// The loader's error, or the rendered diagnostics.
    public let message: String
    /// Errors in the rules (0 when the directory could not be read).
    public let errorCount: Int
    /// When the load was tried, in seconds since 1970.
    public let at: Int64
}

/// The rules being served: the current snapshot, swapped whole by a reload, and the
/// last reload's failure.
final class LiveRules: Sendable {
    private struct Served {
        var current: RulesSnapshot
        var failure: RulesFailure?
    }

    private let served: Mutex<Served>
    /// Serialises reloads: a SIGHUP and a change seen by the watcher never load at once.
    private let reloading = Mutex(())

    init(_ snapshot: RulesSnapshot) {
        served = Mutex(Served(current: snapshot))
    }

    var snapshot: RulesSnapshot { served.withLock { $0.current } }
    var lastFailure: RulesFailure? { served.withLock { $0.failure } }

    /// Loads the directory again; good rules replace the current ones, rules with
    /// errors are kept out (and their failure kept for `/v1/rules`).
    func reload(_ directory: String) -> Result<RulesSnapshot, RulesFailure> {
        reloading.withLock { _ in
            let result = RulesSnapshot.load(directory, generation: snapshot.generation + 1)
            served.withLock { served in
                switch result {
                case .success(let loaded):
                    served.current = loaded
                    served.failure = nil
                case .failure(let error):
                    served.failure = error
                }
            }
            return result
        }
    }
}
