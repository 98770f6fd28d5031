import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks at the rules directory's files every `ServerConfiguration.pollMilliseconds`
/// and calls `changed` when a file is added, removed, or has a new size or
/// modification time, or a link of it leads elsewhere. Polling works the same on
/// every platform and file system.
final class RulesWatcher: Sendable {
    private let directory: String
    private let changed: @Sendable () -> Void
    private let running = Mutex(true)

    /// The directory as it was before the rules were loaded: a change made while
    /// they load, or before the watcher's thread runs, is still seen.
    private let initial: [String: String]

    init(directory: String, initial: [String: String], changed: @escaping @Sendable () -> Void) {
        self.directory = directory
        self.initial = initial
        self.changed = changed
    }

    func start() {
        PlatformThread.start(name: "coinage-watch") { [self] in
            var last = initial
            while running.withLock({ $0 }) {
                PlatformThread.sleep(milliseconds: ServerConfiguration.pollMilliseconds)
                guard running.withLock({ $0 }) else { return }
                let now = Self.fingerprint(directory)
                if now != last {
                    last = now
                    changed()
                }
            }
        }
    }

    func stop() {
        running.withLock { $0 = false }
    }

    /// Each file's path, identity, size and modification time, names starting with a
    /// dot left out as the loader leaves them out. One file (not a directory) is
    /// watched alone.
    ///
    /// Symbolic links are followed, as the loader follows them: a Kubernetes config
    /// map mounts each file as a link through a hidden `..data` link, and an update
    /// swaps that link, which changes what every file leads to (its inode) but no
    /// entry of the directory itself. A link that leads nowhere is noted as a link.
    static func fingerprint(_ directory: String) -> [String: String] {
        var result: [String: String] = [:]
        var status = stat()
        guard stat(directory, &status) == 0 else { return [:] }
        guard isDirectory(status) else {
            note(directory, into: &result)
            return result
        }
        var visited: Set<[UInt64]> = [identity(status)]
        walk(directory, visited: &visited, into: &result)
        return result
    }

    /// Notes every entry under `directory`, depth first, not entering hidden ones
    /// nor a directory already entered (links can make cycles).
    private static func walk(_ directory: String, visited: inout Set<[UInt64]>, into result: inout [String: String]) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = directory + "/" + name
            guard let status = note(path, into: &result) else { continue }
            if isDirectory(status), visited.insert(identity(status)).inserted {
                walk(path, visited: &visited, into: &result)
            }
        }
    }

    /// Records what a path leads to: its device and inode, size and modification
    /// time (to the nanosecond); its status, or nil when it is gone.
    @discardableResult
    private static func note(_ path: String, into result: inout [String: String]) -> stat? {
        var status = stat()
        guard stat(path, &status) == 0 || lstat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = status.st_mtimespec
        #else
        let modified = status.st_mtim
        #endif
        result[path] = "\(status.st_dev) \(status.st_ino) \(status.st_size) \(modified.tv_sec) \(modified.tv_nsec)"
        return status
    }

    private static func identity(_ status: stat) -> [UInt64] {
        [UInt64(status.st_dev), UInt64(status.st_ino)]
    }

    private static func isDirectory(_ status: stat) -> Bool {
        Int(status.st_mode) & Int(S_IFMT) == Int(S_IFDIR)
    }
}
