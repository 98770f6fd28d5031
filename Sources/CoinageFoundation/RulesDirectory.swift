import CoinageSyntax
import Foundation

/// Why a rules directory could not be read. Each case names the situation; the
/// CLI turns them into exit status 2.
public enum RulesLoadError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case noRuleFiles(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path): "`\(path)` does not exist"
        case .noRuleFiles(let path): "`\(path)` holds no `.coin` files"
        case .unreadable(let path, let reason): "cannot read `\(path)`: \(reason)"
        }
    }
}

/// Loads the `*.coin` files of a rules directory (recursively) or a single file.
public enum RulesDirectory {
    /// Reads every rules file under `path` into a source map, in path order so that
    /// "first declared" and diagnostic order are the same on every machine.
    ///
    /// Paths are shown as `path` joined with the file's relative path, so they match
    /// what the user typed.
    public static func load(_ path: String) throws(RulesLoadError) -> SourceMap {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path: path) }

        var files: [(display: String, full: String)] = []
        if isDirectory.boolValue {
            guard let enumerator = fileManager.enumerator(atPath: path) else {
                throw .unreadable(path: path, reason: "the directory cannot be listed")
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            while let relative = enumerator.nextObject() as? String {
                guard relative.hasSuffix(".coin") else { continue }
                var entryIsDirectory: ObjCBool = false
                let full = prefix + relative
                if fileManager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue {
                    files.append((display: prefix + relative, full: full))
                }
            }
            files.sort { $0.display < $1.display }
        } else {
            files = [(display: path, full: path)]
        }
        guard !files.isEmpty else { throw .noRuleFiles(path: path) }

        var sources = SourceMap()
        for file in files {
            sources.add(path: file.display, bytes: try readBounded(file.full))
        }
        return sources
    }

    /// Reads a file, but no more than one byte past the parser's size limit: a file
    /// that big is refused by the parser whatever its remaining size.
    static func readBounded(_ path: String) throws(RulesLoadError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: Limits.maxFileBytes + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
    }
}
