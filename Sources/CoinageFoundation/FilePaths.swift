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
        let full = join(PlatformCalls.currentDirectory(), path)
        let lexical = normalized(full)
        guard let resolved = realpath(lexical, nil) else { return lexical }
        defer { free(resolved) }
        return String(cString: resolved)
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
