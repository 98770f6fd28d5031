import CoinageFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents so that a crash leaves either the old file or the
/// new one, never a half-written file: the new bytes go to a temporary file in
/// the same directory, are flushed to disk, and the temporary file is renamed
/// over the original.
enum AtomicFileWrite {
    struct Failure: Error {
        let reason: String
    }

    /// Writes `bytes` to `path` whole or not at all. With `creating`, a missing file
    /// is made (with the permissions the process's umask leaves); without it, the
    /// file must exist and be writable.
    static func replace(_ path: String, with bytes: [UInt8], creating: Bool = false) throws(Failure) {
        // Through a symbolic link, the file it points at is replaced, not the link.
        let target = FilePaths.resolvingLinks(path) ?? path
        let directory = FilePaths.directory(of: target)
        let temporary = FilePaths.join(directory, ".\(FilePaths.lastComponent(of: target)).coinage-\(UInt32.random(in: 0...UInt32.max)).tmp")
        var info = stat()
        let exists = stat(target, &info) == 0
        // Renaming over a read-only file would succeed; the file's mode says not to.
        if exists || !creating {
            guard access(target, W_OK) == 0 else { throw Failure(reason: "the file is not writable") }
        }
        // The new file keeps the old one's permissions; `open` applies the umask to a new one.
        let mode = exists ? mode_t(info.st_mode) & 0o7777 : 0o666
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw Failure(reason: "cannot create a temporary file in `\(directory)`: \(describe(errno))")
        }
        if exists { _ = fchmod(descriptor, mode) }
        if let failure = PlatformCalls.writeAll(bytes, to: descriptor) ?? (fsync(descriptor) == 0 ? nil : errno) {
            close(descriptor)
            unlink(temporary)
            throw Failure(reason: "cannot write the temporary file: \(describe(failure))")
        }
        guard close(descriptor) == 0 else {
            let failure = errno
            unlink(temporary)
            throw Failure(reason: "cannot write the temporary file: \(describe(failure))")
        }
        guard rename(temporary, target) == 0 else {
            let failure = errno
            unlink(temporary)
            throw Failure(reason: "cannot replace the file: \(describe(failure))")
        }
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
