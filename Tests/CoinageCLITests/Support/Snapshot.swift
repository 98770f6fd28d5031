import CoinageTestSupport
import Foundation
import Testing

/// Compares command output with a file in `Snapshots/`; `COINAGE_UPDATE_GOLDENS=1`
/// rewrites the file instead.
enum Snapshot {
    static let testsDirectory = RepositoryPaths.file("Tests/CoinageCLITests")
    static let packageRoot = RepositoryPaths.root

    /// Absolute path of a fixture directory under `Fixtures/`.
    static func fixture(_ name: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures/\(name)").path
    }

    /// Removes the machine's absolute paths, so snapshots are the same everywhere.
    static func normalize(_ text: String) -> String {
        text.replacingOccurrences(of: packageRoot.path + "/", with: "")
    }

    static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = testsDirectory.appendingPathComponent("Snapshots/\(name)")
        let normalized = normalize(actual)
        GoldenFile.expect(normalized, matches: url, label: "Snapshots/\(name)", sourceLocation: sourceLocation)
    }
}
