import Foundation

/// Replaces a file's contents so that a crash leaves either the old file or the
/// new one, never a half-written file: the new bytes go to a temporary file in
/// the same directory, are flushed to disk, and the temporary file is renamed
/// over the original.
enum AtomicFileWrite {
    struct Failure: Error {
        let reason: String
    }

    static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        // Through a symbolic link, the file it points at is replaced, not the link.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(
            ".\(target.lastPathComponent).coinage-fmt-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let fileManager = FileManager.default
        // Renaming over a read-only file would succeed; the file's mode says not to.
        guard fileManager.isWritableFile(atPath: target.path) else {
            throw Failure(reason: "the file is not writable")
        }
        // The new file keeps the old one's permissions.
        let permissions = (try? fileManager.attributesOfItem(atPath: target.path))?[.posixPermissions]
        guard fileManager.createFile(atPath: temporary, contents: nil,
                                     attributes: permissions.map { [.posixPermissions: $0] } ?? [:]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw Failure(reason: "cannot create a temporary file in `\(directory.path)`")
        }
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? fileManager.removeItem(atPath: temporary)
            throw Failure(reason: "cannot write the temporary file: \(error.localizedDescription)")
        }
        guard rename(temporary, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(atPath: temporary)
            throw Failure(reason: "cannot replace the file: \(reason)")
        }
    }
}
