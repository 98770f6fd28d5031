#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls the rules loader makes. `system` makes the real ones;
/// tests stand in for failures that cannot be staged on disk (a directory that
/// cannot be listed, for a process running as root).
struct RulesFileSystem {
    /// What a path is: `followingLinks` false describes a symbolic link itself
    /// (`lstat`), true what it leads to (`stat`). Fails with an `errno` code.
    var status: (_ path: String, _ followingLinks: Bool) -> Result<FileNode, SystemError>
    /// The names in a directory, without `.` and `..`.
    var entries: (_ directory: String) -> Result<[String], SystemError>
    /// The text of a symbolic link, or nil.
    var linkTarget: (_ path: String) -> String?
    /// Up to `limit` bytes of a file, refused unless it is a regular file.
    var read: (_ path: String, _ limit: Int) -> Result<[UInt8], ReadFailure>

    /// Why a file was not read.
    enum ReadFailure: Error, Equatable {
        case system(SystemError)
        /// Opened, but it is not a regular file (it was replaced since it was looked at).
        case notRegular(FileNode.Kind)
    }

    static var system: RulesFileSystem {
        RulesFileSystem(status: systemStatus, entries: listDirectory, linkTarget: systemLinkTarget, read: readRegularFile)
    }

    private static func systemStatus(_ path: String, followingLinks: Bool) -> Result<FileNode, SystemError> {
        var info = stat()
        let result = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return .failure(SystemError(code: errno)) }
        return .success(FileNode(info))
    }

    private static func systemLinkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func listDirectory(_ path: String) -> Result<[String], SystemError> {
        guard let directory = opendir(path) else { return .failure(SystemError(code: errno)) }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            // readdir returns nil both at the end and on an error; only errno tells them apart.
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { return .failure(SystemError(code: errno)) }
                return .success(names)
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != ".", name != ".." { names.append(name) }
        }
    }

    /// Opens without blocking (a named pipe that slipped in after the check would
    /// otherwise wait for a writer for ever), then makes sure the opened file is a
    /// regular one before reading anything.
    private static func readRegularFile(_ path: String, limit: Int) -> Result<[UInt8], ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.system(SystemError(code: errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.system(SystemError(code: errno))) }
        let node = FileNode(info)
        guard node.kind == .regular else { return .failure(.notRegular(node.kind)) }
        var bytes: [UInt8] = []
        // The size `stat` gives, so the bytes are one array of that size instead of a
        // doubling chain that ends a quarter larger; reading still stops where the file does.
        bytes.reserveCapacity(min(limit, max(0, Int(info.st_size))))
        while bytes.count < limit {
            let (chunk, failure) = PlatformCalls.readChunk(descriptor, upTo: min(1 << 16, limit - bytes.count))
            if let failure { return .failure(.system(SystemError(code: failure))) }
            if chunk.isEmpty { break }
            bytes += chunk
        }
        return .success(bytes)
    }
}

/// What `stat` says of a path: its kind, and the identity of the file.
struct FileNode: Equatable {
    enum Kind: Equatable {
        case regular, directory, symbolicLink, namedPipe, socket, characterDevice, blockDevice, unknown

        /// With an article, for messages: `a named pipe`.
        var description: String {
            switch self {
            case .regular: "a regular file"
            case .directory: "a directory"
            case .symbolicLink: "a symbolic link"
            case .namedPipe: "a named pipe (FIFO)"
            case .socket: "a socket"
            case .characterDevice: "a character device"
            case .blockDevice: "a block device"
            case .unknown: "a file of an unknown kind"
            }
        }
    }

    let kind: Kind
    let device: UInt64
    let inode: UInt64

    init(kind: Kind, device: UInt64 = 0, inode: UInt64 = 0) {
        self.kind = kind
        self.device = device
        self.inode = inode
    }

    init(_ info: stat) {
        // The file-type bits of `st_mode`, the same on every POSIX system.
        let kind: Kind = switch UInt32(info.st_mode) & 0o170000 {
        case 0o100000: .regular
        case 0o040000: .directory
        case 0o120000: .symbolicLink
        case 0o010000: .namedPipe
        case 0o140000: .socket
        case 0o020000: .characterDevice
        case 0o060000: .blockDevice
        default: .unknown
        }
        self.init(kind: kind, device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}

/// An `errno` code, shown as the system describes it.
struct SystemError: Error, Equatable {
    let code: Int32

    /// E.g. `Permission denied`.
    var reason: String { String(cString: strerror(code)) }
}
