import Foundation
import Testing

/// Compares command output with a file in `Snapshots/`; `COINAGE_UPDATE_GOLDENS=1`
/// rewrites the file instead.
enum Snapshot {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

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
        if ProcessInfo.processInfo.environment["COINAGE_UPDATE_GOLDENS"] == "1" {
            try? normalized.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name); run with COINAGE_UPDATE_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(normalized == expected, "output differs from Snapshots/\(name)", sourceLocation: sourceLocation)
    }
}
