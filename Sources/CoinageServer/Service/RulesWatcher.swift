import Foundation

/// Looks at the rules directory's files every `ServerConfiguration.pollMilliseconds`
/// and calls `changed` when a file is added, removed, or has a new size or
/// modification time. Polling works the same on every platform and file system.
final class RulesWatcher: @unchecked Sendable {
    private let directory: String
    private let changed: @Sendable () -> Void
    private let lock = NSLock()
    private var running = true

    /// The directory as it was before the rules were loaded: a change made while
    /// they load, or before the watcher's thread runs, is still seen.
    private let initial: [String: String]

    init(directory: String, initial: [String: String], changed: @escaping @Sendable () -> Void) {
        self.directory = directory
        self.initial = initial
        self.changed = changed
    }

    func start() {
        let thread = Thread { [self] in
            var last = initial
            while lock.withLock({ running }) {
                Thread.sleep(forTimeInterval: Double(ServerConfiguration.pollMilliseconds) / 1_000)
                guard lock.withLock({ running }) else { return }
                let now = Self.fingerprint(directory)
                if now != last {
                    last = now
                    changed()
                }
            }
        }
        thread.name = "coinage-watch"
        thread.start()
    }

    func stop() {
        lock.withLock { running = false }
    }

    /// Each file's path, size and modification time, names starting with a dot left
    /// out as the loader leaves them out. One file (not a directory) is watched alone.
    static func fingerprint(_ directory: String) -> [String: String] {
        let files = FileManager.default
        var result: [String: String] = [:]
        func note(_ path: String) {
            guard let attributes = try? files.attributesOfItem(atPath: path) else { return }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            result[path] = "\(size) \(modified)"
        }
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [:] }
        guard isDirectory.boolValue else {
            note(directory)
            return result
        }
        guard let enumerator = files.enumerator(atPath: directory) else { return [:] }
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            note(directory + "/" + relative)
        }
        return result
    }
}
