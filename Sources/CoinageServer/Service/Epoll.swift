#if os(Linux)
import Glibc

/// Linux's epoll, for `EventLoop`. Glibc's Swift module does not carry
/// `<sys/epoll.h>`, and the package has no C target of its own, so the three calls
/// are looked up by name in the C library once, and the event record is laid out
/// here as the kernel lays it out (packed, 12 bytes, on x86_64; 16 elsewhere).
/// When the lookup fails the server serves each connection on a thread.
enum Epoll {
    private typealias Create = @convention(c) (Int32) -> Int32
    private typealias Control = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Wait = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32

    private static let calls: (create: Create, control: Control, wait: Wait)? = {
        guard let library = dlopen(nil, RTLD_NOW),
              let create = dlsym(library, "epoll_create1"),
              let control = dlsym(library, "epoll_ctl"),
              let wait = dlsym(library, "epoll_wait") else { return nil }
        return (unsafeBitCast(create, to: Create.self), unsafeBitCast(control, to: Control.self), unsafeBitCast(wait, to: Wait.self))
    }()

    static var isAvailable: Bool { calls != nil }

    #if arch(x86_64)
    static let eventBytes = 12
    private static let dataOffset = 4
    #else
    static let eventBytes = 16
    private static let dataOffset = 8
    #endif

    private static let readable: UInt32 = 0x001      // EPOLLIN
    private static let peerClosed: UInt32 = 0x2000   // EPOLLRDHUP
    private static let add: Int32 = 1                // EPOLL_CTL_ADD
    private static let delete: Int32 = 2             // EPOLL_CTL_DEL
    private static let closeOnExec: Int32 = 0o2000000 // EPOLL_CLOEXEC

    /// A new epoll set, or -1.
    static func create() -> Int32 { calls?.create(closeOnExec) ?? -1 }

    /// Watches `fd` for reading (and the peer's close).
    static func watch(_ set: Int32, _ fd: Int32) {
        var event = [UInt8](repeating: 0, count: eventBytes)
        event.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: readable | peerClosed, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt64(UInt32(bitPattern: fd)), toByteOffset: dataOffset, as: UInt64.self)
            _ = calls?.control(set, add, fd, raw.baseAddress)
        }
    }

    /// Stops watching `fd`.
    static func forget(_ set: Int32, _ fd: Int32) {
        var event = [UInt8](repeating: 0, count: eventBytes)
        event.withUnsafeMutableBytes { _ = calls?.control(set, delete, fd, $0.baseAddress) }
    }

    /// Waits up to `milliseconds` for events, written into `events` (room for
    /// `events.count / eventBytes`): how many there are.
    static func wait(_ set: Int32, _ events: UnsafeMutableRawBufferPointer, milliseconds: Int32) -> Int {
        guard let calls else { return 0 }
        let count = calls.wait(set, events.baseAddress, Int32(events.count / eventBytes), milliseconds)
        return max(0, Int(count))
    }

    /// The descriptor of the `index`th event `wait` wrote.
    static func descriptor(_ events: UnsafeMutableRawBufferPointer, _ index: Int) -> Int32 {
        Int32(truncatingIfNeeded: events.loadUnaligned(fromByteOffset: index * eventBytes + dataOffset, as: UInt64.self))
    }
}
#endif
