import CoinageSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a rules directory could not be read. Each case names the path and the
/// situation; the CLI turns them into exit status 2.
public enum RulesLoadError: Error, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case noRuleFiles(path: String)
    case unreadable(path: String, reason: String)
    /// A named pipe, socket or device where a rules file or directory should be:
    /// never opened, since reading a pipe would wait for a writer.
    case notRegularFile(path: String, kind: String)
    /// A symbolic link whose target does not exist.
    case danglingLink(path: String, target: String?)
    /// A directory reached a second time through a symbolic link: a loop, or the
    /// same rules read twice.
    case repeatedDirectory(path: String, first: String)

    public var description: String {
        switch self {
        case .notFound(let path): "`\(path)` does not exist"
        case .noRuleFiles(let path):
            path.hasSuffix(".csv") ? "`\(path)` is a price-point file, not rules: check the rules directory whose `points` names it"
                                   : "`\(path)` holds no `.coin` files"
        case .unreadable(let path, let reason): "cannot read `\(path)`: \(reason)"
        case .notRegularFile(let path, let kind): "`\(path)` is \(kind), not a regular file or a directory"
        case .danglingLink(let path, let target):
            "`\(path)` is a symbolic link to \(target.map { "`\($0)`" } ?? "a path"), which does not exist"
        case .repeatedDirectory(let path, let first):
            "`\(path)` leads to the directory `\(first)`, which is already read (a symbolic link loops or repeats it)"
        }
    }
}

/// Loads the `*.coin` files of a rules directory (recursively) or a single file,
/// with the `*.csv` files beside them (price-point tables).
///
/// Nothing under the directory is skipped silently: an entry that cannot be looked
/// at or listed, a symbolic link that leads nowhere or back into the tree, and a
/// `.coin` entry that is not a regular file each stop the load with an error naming
/// the path. Only entries whose names start with a dot (`.git`, editor lock files)
/// are passed over, by rule, and other files whose names do not end in `.coin`.
public enum RulesDirectory {
    /// Reads every rules file under `path` into a source map, in path order so that
    /// "first declared" and diagnostic order are the same on every machine.
    ///
    /// Paths are shown as `path` joined with the file's relative path, so they match
    /// what the user typed.
    public static func load(_ path: String) throws(RulesLoadError) -> SourceMap {
        try load(path, fileSystem: .system)
    }

    static func load(_ path: String, fileSystem: RulesFileSystem) throws(RulesLoadError) -> SourceMap {
        let top = try resolve(path, fileSystem: fileSystem)
        var files: [String]
        switch top.kind {
        case .directory:
            var walk = Walk(fileSystem: fileSystem)
            try walk.visit(path, node: top)
            files = walk.files
            files.sort()
        case .regular:
            // A price-point file alone is no rule set: its table is named by a rules file.
            guard !path.hasSuffix(".csv") else { throw .noRuleFiles(path: path) }
            files = [path]
        default:
            throw .notRegularFile(path: path, kind: top.kind.description)
        }
        guard files.contains(where: { $0.hasSuffix(".coin") }) || top.kind == .regular else { throw .noRuleFiles(path: path) }

        var sources = SourceMap()
        for file in files {
            sources.add(path: file, bytes: try readBounded(file, fileSystem: fileSystem))
        }
        return sources
    }

    /// What `path` leads to, through symbolic links.
    private static func resolve(_ path: String, fileSystem: RulesFileSystem) throws(RulesLoadError) -> FileNode {
        switch fileSystem.status(path, true) {
        case .success(let node):
            return node
        case .failure(let error) where error.code == ENOENT:
            if case .success(let node) = fileSystem.status(path, false), node.kind == .symbolicLink {
                throw .danglingLink(path: path, target: fileSystem.linkTarget(path))
            }
            throw .notFound(path: path)
        case .failure(let error):
            throw .unreadable(path: path, reason: error.reason)
        }
    }

    /// The depth-first walk of a directory tree, collecting the `.coin` files.
    private struct Walk {
        let fileSystem: RulesFileSystem
        var files: [String] = []
        /// Every directory entered, by identity, with the path it was first reached by.
        var entered: [DirectoryID: String] = [:]

        struct DirectoryID: Hashable {
            let device: UInt64
            let inode: UInt64
        }

        init(fileSystem: RulesFileSystem) {
            self.fileSystem = fileSystem
        }

        mutating func visit(_ directory: String, node: FileNode) throws(RulesLoadError) {
            let id = DirectoryID(device: node.device, inode: node.inode)
            if let first = entered[id] { throw .repeatedDirectory(path: directory, first: first) }
            entered[id] = directory
            let names: [String]
            switch fileSystem.entries(directory) {
            case .success(let listed): names = listed.sorted()
            case .failure(let error): throw .unreadable(path: directory, reason: error.reason)
            }
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            for name in names where !name.hasPrefix(".") {
                let path = prefix + name
                // A `.csv` file is a price-point table (`points NAME from "FILE.csv"`).
                let isRulesFile = name.hasSuffix(".coin") || name.hasSuffix(".csv")
                var entry: FileNode
                switch fileSystem.status(path, false) {
                case .success(let found): entry = found
                case .failure(let error): throw .unreadable(path: path, reason: error.reason)
                }
                if entry.kind == .symbolicLink {
                    // A link that leads nowhere could have been a directory of rules: never passed over.
                    entry = try resolve(path, fileSystem: fileSystem)
                }
                switch entry.kind {
                case .directory:
                    try visit(path, node: entry)
                case .regular:
                    if isRulesFile { files.append(path) }
                default:
                    if isRulesFile { throw .notRegularFile(path: path, kind: entry.kind.description) }
                }
            }
        }
    }

    /// Reads a file, but no more than one byte past the parser's size limit: a file
    /// that big is refused by the parser whatever its remaining size.
    public static func readBounded(_ path: String) throws(RulesLoadError) -> [UInt8] {
        try readBounded(path, fileSystem: .system)
    }

    static func readBounded(_ path: String, fileSystem: RulesFileSystem) throws(RulesLoadError) -> [UInt8] {
        switch fileSystem.read(path, Limits.maxFileBytes + 1) {
        case .success(let bytes): return bytes
        case .failure(.system(let error)): throw .unreadable(path: path, reason: error.reason)
        case .failure(.notRegular(let kind)): throw .notRegularFile(path: path, kind: kind.description)
        }
    }
}
