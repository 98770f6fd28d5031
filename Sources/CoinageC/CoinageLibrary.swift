#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's version, the version of `coinage --version`.
enum CoinageLibrary {
    static let version: StaticString = "0.1.0"
}

/// The status a quoting function returns: `include/coinage.h` defines the same values.
enum CoinageStatus: Int32 {
    /// Every request was quoted.
    case quoted = 0
    /// At least one request was refused; its output line is an error object.
    case refused = 1
    /// A NULL pointer or a length past `SSIZE_MAX`; nothing was written.
    case invalidArgument = -1
    /// The output could not be allocated; nothing was written.
    case outOfMemory = -2
}

/// The library's version as a static NUL-terminated string: never freed.
@_cdecl("coinage_version")
public func coinage_version() -> UnsafePointer<CChar> {
    UnsafeRawPointer(CoinageLibrary.version.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// Loads, checks and compiles the rules at `path` (a NUL-terminated UTF-8 path to a
/// directory or one `.coin` file). Returns the handle, or NULL with `*error` set to
/// a message the caller frees with `coinage_free` (when `error` is not NULL).
@_cdecl("coinage_open")
public func coinage_open(_ path: UnsafePointer<CChar>?,
                         _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer? {
    error?.pointee = nil
    guard let path else {
        error?.pointee = CBuffer.copy("error: the rules path is NULL")
        return nil
    }
    guard let text = String(validatingCString: path) else {
        error?.pointee = CBuffer.copy("error: the rules path is not valid UTF-8")
        return nil
    }
    switch RulesHandle.open(text) {
    case .success(let handle):
        return handle.retainedPointer()
    case .failure(let failure):
        error?.pointee = CBuffer.copy(failure.description)
        return nil
    }
}

/// The rules' SHA-256 content hash, 64 lowercase hex digits, in a buffer the caller
/// frees with `coinage_free`; NULL for a NULL handle or when memory ran out.
@_cdecl("coinage_rules_hash")
public func coinage_rules_hash(_ rules: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let rules else { return nil }
    return CBuffer.copy(RulesHandle.borrowed(rules).hash)
}

/// Frees a buffer the library returned; NULL is allowed and does nothing.
@_cdecl("coinage_free")
public func coinage_free(_ buffer: UnsafeMutableRawPointer?) {
    free(buffer)
}

/// Closes a handle; NULL is allowed and does nothing. The handle must not be used
/// again, nor be closed while another thread quotes on it.
@_cdecl("coinage_close")
public func coinage_close(_ rules: OpaquePointer?) {
    guard let rules else { return }
    RulesHandle.release(rules)
}
