#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Coinage
import Synchronization

/// The IANA time-zone database read from the system's TZif files, with the C
/// library alone.
///
/// It answers as Foundation's `TimeZone` does (the tests compare every zone with
/// it), without Foundation and the 9 MB of resident memory Foundation costs a process. A zone is a TZif file under the
/// database directory, named by its path there (`Europe/Berlin`); `UTC` is always
/// known, file or none. Not zones, though TZif files: `posixrules` and `localtime`
/// (copies of other zones, the second the machine's own), and the `posix/` and
/// `right/` trees (copies again, the second counting leap seconds). `Factory`, the
/// zone of a machine whose zone is unset, is known, as Foundation knows it.
///
/// Each file is read once per process and directory, however many instances are
/// made: instances of one directory share their cache.
public final class SystemTimeZones: TimeZoneDatabase {
    private let database: ZoneDirectory

    /// The database `TZDIR` names, as in the C library, else `/usr/share/zoneinfo`.
    public convenience init() {
        if let variable = getenv("TZDIR"), variable.pointee != 0 {
            self.init(directory: String(cString: variable))
        } else {
            self.init(directory: "/usr/share/zoneinfo")
        }
    }

    /// The database in `directory`, a tree of TZif files.
    public init(directory: String) {
        database = ZoneDirectory.shared(directory)
    }

    public func isKnownZone(_ identifier: String) -> Bool {
        database.zone(identifier) != nil
    }

    /// Every zone name of the database and `UTC`, sorted; read once per process.
    public var knownZoneIdentifiers: [String] { database.identifiers }

    public func secondsFromUTC(zone identifier: String, at instant: Int64) -> Int? {
        database.zone(identifier).map { Int($0.offset(at: instant)) }
    }

    /// Set when the directory holds no zone at all (a minimal container without the
    /// system's tzdata package): every zone but `UTC` is then unknown, and the help
    /// says how to get them rather than suggesting `UTC`.
    public var unavailableHelp: String? {
        guard database.identifiers.count <= 1 else { return nil }
        return "there is no IANA time-zone database at `\(database.path)`: install the system's tzdata package, or set TZDIR to its directory"
    }

    /// The offset at `start`, then each change of offset strictly between `start` and
    /// `end`; a transition that keeps the offset is left out, as Foundation's was.
    public func offsets(zone identifier: String, from start: Int64, to end: Int64) -> ZoneOffsets? {
        database.zone(identifier)?.offsets(from: start, to: end)
    }
}

/// One database directory's zones, loaded on first use and kept for the process.
final class ZoneDirectory: Sendable {
    private static let directories = Mutex<[String: ZoneDirectory]>([:])

    /// The instance for `path`, made on first use: every `SystemTimeZones` of a
    /// directory shares its cache.
    static func shared(_ path: String) -> ZoneDirectory {
        directories.withLock { directories in
            if let known = directories[path] { return known }
            let made = ZoneDirectory(path: path)
            directories[path] = made
            return made
        }
    }

    /// Names tried and found no zone are remembered up to this many: a caller that
    /// tries every name it is given (an editor, as its user types) must not grow
    /// the cache without end. Zones are bounded by the files there are.
    private static let rememberedUnknownLimit = 1024

    private struct Loaded {
        var zones: [String: TZifFile] = [:]
        var unknown: Set<String> = []
    }

    let path: String
    private let loaded = Mutex(Loaded())
    private let identifierList = Mutex<[String]?>(nil)

    private init(path: String) {
        self.path = path
    }

    /// The zone `identifier` names, read on first use; nil when it names none.
    func zone(_ identifier: String) -> TZifFile? {
        if identifier == "UTC" { return TZifFile(fixedOffset: 0) }
        // Read under the lock, so each file is read and parsed once; a read is a few
        // kilobytes, once per zone and process.
        return loaded.withLock { loaded in
            if let zone = loaded.zones[identifier] { return zone }
            if loaded.unknown.contains(identifier) { return nil }
            guard let zone = read(identifier) else {
                if loaded.unknown.count < Self.rememberedUnknownLimit { loaded.unknown.insert(identifier) }
                return nil
            }
            loaded.zones[identifier] = zone
            return zone
        }
    }

    private func read(_ identifier: String) -> TZifFile? {
        guard Self.isZoneName(identifier), namesExactly(identifier),
              let bytes = Self.contents(of: path + "/" + identifier, maximumSize: TZifFile.maximumSize) else { return nil }
        return TZifFile(bytes: bytes)
    }

    /// True for a relative path that may name a zone: no `..`, `.` or empty part
    /// (which would leave the directory or name a zone twice), and none of the TZif
    /// files `SystemTimeZones` does not count as zones (`posixrules`, `right/`…).
    static func isZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.contains(".."), !name.utf8.contains(0),
              name != "posixrules", name != "localtime", !name.hasPrefix("posix/"), !name.hasPrefix("right/") else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." }
    }

    /// True when every part of `name` is an entry of its directory, spelled so. On a
    /// file system that ignores case (macOS's), `europe/berlin` opens Berlin's file,
    /// but it is not the zone's name, and Foundation did not know it.
    private func namesExactly(_ name: String) -> Bool {
        var directory = path
        for part in name.split(separator: "/") {
            guard let entries = try? Self.files.entries(directory).get(), entries.contains(String(part)) else { return false }
            directory += "/" + part
        }
        return true
    }

    /// Every zone name, sorted, with `UTC`.
    var identifiers: [String] {
        identifierList.withLock { list in
            if let list { return list }
            var names: Set<String> = ["UTC"]
            // `tzdata.zi`, the source of the whole database in one file, names every
            // zone and link; walking the tree instead reads every file.
            if let source = Self.contents(of: path + "/tzdata.zi", maximumSize: 16 << 20) {
                names.formUnion(Self.zoneNames(inSource: source).filter(Self.isZoneName))
            } else {
                collectZones(under: "", depth: 0, into: &names)
            }
            let sorted = names.sorted()
            list = sorted
            return sorted
        }
    }

    /// The names `zic` source defines: `Zone name …` and `Link target name …`, also
    /// as `Z` and `L` in the compact form `tzdata.zi` is written in.
    static func zoneNames(inSource source: [UInt8]) -> [String] {
        var names: [String] = []
        for line in source.split(separator: UInt8(ascii: "\n")) {
            let fields = line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            guard let keyword = fields.first.map({ String(decoding: $0, as: UTF8.self).lowercased() }) else { continue }
            if (keyword == "z" || keyword == "zone"), fields.count >= 2 {
                names.append(String(decoding: fields[1], as: UTF8.self))
            } else if (keyword == "l" || keyword == "link"), fields.count >= 3 {
                names.append(String(decoding: fields[2], as: UTF8.self))
            }
        }
        return names
    }

    /// Adds the TZif files under `relative` (a directory inside the database) to
    /// `names`. The depth bound ends a walk a symbolic link's loop would not.
    private func collectZones(under relative: String, depth: Int, into names: inout Set<String>) {
        guard depth < 8, let entries = try? Self.files.entries(relative.isEmpty ? path : path + "/" + relative).get() else { return }
        for entry in entries {
            let name = relative.isEmpty ? entry : relative + "/" + entry
            guard Self.isZoneName(name) else { continue }
            // Links are followed: the database's links may be some.
            switch (try? Self.files.status(path + "/" + name, true).get())?.kind {
            case .directory?: collectZones(under: name, depth: depth + 1, into: &names)
            case .regular?:
                // Read whole, not cached: the list names only zones `zone(_:)` accepts.
                if let bytes = Self.contents(of: path + "/" + name, maximumSize: TZifFile.maximumSize),
                   TZifFile(bytes: bytes) != nil { names.insert(name) }
            default: continue
            }
        }
    }

    /// The file-system calls, the ones the rules loader makes.
    private static var files: RulesFileSystem { .system }

    /// The bytes of the regular file at `path`; nil when it is not a regular file,
    /// cannot be read or is larger than `maximumSize`.
    private static func contents(of path: String, maximumSize: Int) -> [UInt8]? {
        guard case .success(let bytes) = files.read(path, maximumSize + 1), bytes.count <= maximumSize else { return nil }
        return bytes
    }
}
