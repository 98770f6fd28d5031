#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths as the program's edge handles them: joined, made absolute and tidied, and
/// asked whether they name a directory, with the C library alone.
public enum FilePaths {
    /// `path` under `directory`, with one slash between them; an absolute `path` stands alone.
    public static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") || directory.isEmpty { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// True when `path` names a directory, following symbolic links.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (UInt32(info.st_mode) & 0o170000) == 0o040000
    }

    /// `path` as an absolute path without `.`, `..`, repeated or trailing slashes,
    /// and with symbolic links resolved where the path exists, so that two names of
    /// one file compare equal. A relative path is taken from the working directory.
    public static func absolute(_ path: String) -> String {
        let lexical = normalized(join(PlatformCalls.currentDirectory(), path))
        return resolvingLinks(lexical) ?? lexical
    }

    /// `path` with every symbolic link on the way followed (`realpath`), or nil when
    /// the path does not exist.
    public static func resolvingLinks(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The directory part of `path`: `.` for a bare name, `/` for a file at the root.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The part of `path` after its last slash.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// An absolute path with its `.` and `..` components applied and its empty ones
    /// dropped, without looking at the disk: `/a/./b/../c/` is `/a/c`. `..` at the
    /// root stays at the root, as the system resolves it.
    public static func normalized(_ absolutePath: String) -> String {
        var components: [Substring] = []
        for component in absolutePath.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}
