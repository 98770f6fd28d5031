import Foundation

/// Where the repository's files are, found from this file's own path, so a test runs
/// the same from any working directory.
public enum RepositoryPaths {
    /// The package root: the folder of `Package.swift`.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample shop every suite shares: the bundled `rules/`.
    public static let sampleShop = root.appendingPathComponent("rules")

    /// `relative` under the package root.
    public static func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}
