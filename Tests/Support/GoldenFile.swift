import Foundation
import Testing

/// The one comparison of output with a golden file, for diagnostics, formatter output
/// and CLI snapshots: `COINAGE_UPDATE_GOLDENS=1` rewrites the file instead.
public enum GoldenFile {
    /// Whether this run rewrites golden files rather than comparing with them.
    public static let isUpdating = ProcessInfo.processInfo.environment["COINAGE_UPDATE_GOLDENS"] == "1"

    /// Expects `actual` to equal the text of the file at `url`, naming it `label` in a failure.
    public static func expect(_ actual: String, matches url: URL, label: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        if isUpdating {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("cannot write \(label): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(label); run with COINAGE_UPDATE_GOLDENS=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(label) differs from the output:\n\(actual)", sourceLocation: sourceLocation)
    }
}
