#if os(Linux)
import Glibc
import Synchronization

/// One of the server's answering threads (one per core): the connections it holds
/// wait in an epoll set, and each that becomes readable is read and answered on this
/// thread, its answers sent in one write. No thread is woken per request and none
/// waits per idle connection, so a busy server spends its time answering rather than
/// switching threads.
///
/// A connection leaves the loop for a thread of its own (`Connection.serveOnThread`)
/// when an answer cannot be sent without waiting, or after a malformed request; it
/// comes back when idle. Every `Connection.pollSliceMilliseconds` the loop looks at
/// its connections' deadlines and, while the server drains, closes the idle ones.
final class EventLoop: @unchecked Sendable {
    private let server: HTTPServer
    private let epoll: Int32
    /// The connections this loop holds, and the one it is answering.
    private struct Held {
        /// By descriptor.
        var connections: [Int32: Connection] = [:]
        /// The descriptor being answered now, which no other thread may close.
        var busy: Int32 = -1
    }

    /// Taken by this thread around each event, and by the accept thread to add a
    /// connection or to close an idle one (`evictOldestIdle`): rarely contended.
    private let held = Mutex(Held())

    /// A loop, or nil when the kernel gives no epoll set.
    init?(server: HTTPServer) {
        self.server = server
        epoll = Epoll.create()
        guard epoll >= 0 else { return nil }
    }

    func start(name: String) {
        PlatformThread.start(name: name) { [self] in run() }
    }

    /// Takes a connection to serve (a new one, or one a thread hands back).
    func adopt(_ connection: Connection) {
        // Watched under the lock: a connection in the table is always in the set, so
        // an eviction never closes it between the two (and a reused descriptor never
        // lands in two sets).
        held.withLock { held in
            held.connections[connection.fd] = connection
            Epoll.watch(epoll, connection.fd)
        }
    }

    /// The idle connection that has waited longest, and since when; nil when none
    /// has been idle since `before` (a connection between two requests of a busy
    /// client is idle for a moment only, and is left alone).
    func oldestIdle(before: UInt64) -> UInt64? {
        held.withLock { held in
            let busy = held.busy
            return held.connections.values.lazy.filter { $0.fd != busy && $0.isIdle && $0.idleSince <= before }.map(\.idleSince).min()
        }
    }

    /// Closes the idle connection that has waited longest, if it is still idle and
    /// has waited since `since`: whether it did.
    func evictOldestIdle(since: UInt64) -> Bool {
        let victim = held.withLock { held -> Connection? in
            let busy = held.busy
            guard let oldest = held.connections.values.first(where: { $0.fd != busy && $0.isIdle && $0.idleSince == since }),
                  // Bytes waiting are a request the loop has not read yet: not idle after all.
                  !Sockets.waitReadable(oldest.fd, milliseconds: 0) else {
                return nil
            }
            held.connections[oldest.fd] = nil
            Epoll.forget(epoll, oldest.fd)
            return oldest
        }
        guard let victim else { return false }
        victim.finish()
        return true
    }

    private func run() {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
        let events = UnsafeMutableRawBufferPointer.allocate(byteCount: 128 * Epoll.eventBytes, alignment: 16)
        defer {
            buffer.deallocate()
            events.deallocate()
        }
        var quotes = QuoteCache(server.router.live.snapshot)
        var lastLook = Connection.now()
        let slice = UInt64(Connection.pollSliceMilliseconds) * 1_000_000
        while true {
            let ready = Epoll.wait(epoll, events, milliseconds: Connection.pollSliceMilliseconds)
            for index in 0..<ready {
                let fd = Epoll.descriptor(events, index)
                let taken = held.withLock { held -> Connection? in
                    guard let connection = held.connections[fd] else { return nil }
                    held.busy = fd
                    return connection
                }
                // Gone meanwhile (closed to admit another): the event was for it.
                guard let connection = taken else { continue }
                let step = connection.readReady(buffer, quotes: &quotes)
                held.withLock { held in
                    held.busy = -1
                    if step != .keep { held.connections[fd] = nil }
                }
                switch step {
                case .keep:
                    break
                case .close:
                    connection.finish()
                case .toThread:
                    Epoll.forget(epoll, fd)
                    server.serveOnThread(connection)
                }
            }
            let now = Connection.now()
            guard now - lastLook >= slice else { continue }
            lastLook = now
            let draining = server.router.isDraining
            let expired = held.withLock { held -> [Connection] in
                let gone = held.connections.values.filter { $0.expired(now: now, draining: draining) }
                for connection in gone { held.connections[connection.fd] = nil }
                return gone
            }
            for connection in expired {
                Epoll.forget(epoll, connection.fd)
                connection.finish()
            }
            if server.isFinished { break }
        }
        close(epoll)
    }
}
#endif
