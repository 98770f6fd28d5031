#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's threads on the platform's own `pthread_create`: detached, with the
/// platform's default stack, each running one closure. Foundation's `Thread` did
/// the same, but loading Foundation costs every `coinage` process megabytes.
enum PlatformThread {
    /// What a new thread runs, kept alive across `pthread_create` by a retain that
    /// the thread itself gives back.
    private final class Work {
        let name: String
        let body: @Sendable () -> Void

        init(name: String, body: @escaping @Sendable () -> Void) {
            self.name = name
            self.body = body
        }
    }

    /// Starts a detached thread named `name` (as tools such as `top -H` show it)
    /// that runs `body` and ends. False when the system gives no thread, in which
    /// case `body` never runs and the caller has to undo what the thread was for.
    @discardableResult
    static func start(name: String, _ body: @escaping @Sendable () -> Void) -> Bool {
        let work = Unmanaged.passRetained(Work(name: name, body: body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            if let context { PlatformThread.run(context) }
            return nil
        }, work)
        #else
        var thread: pthread_t?
        let created = pthread_create(&thread, nil, { context in
            PlatformThread.run(context)
            return nil
        }, work)
        #endif
        guard created == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            return false
        }
        // Detached: nobody joins these threads, and a joinable thread's resources
        // would stay allocated after it ends.
        #if canImport(Glibc)
        pthread_detach(thread)
        #else
        if let thread { pthread_detach(thread) }
        #endif
        return true
    }

    /// The new thread's side of `start`: takes back the retained work and runs it.
    private static func run(_ context: UnsafeMutableRawPointer) {
        let work = Unmanaged<Work>.fromOpaque(context).takeRetainedValue()
        setCurrentName(work.name)
        work.body()
    }

    /// Names the calling thread. Linux keeps 15 bytes of a name and refuses a longer
    /// one outright, so the name is cut rather than lost.
    private static func setCurrentName(_ name: String) {
        #if canImport(Glibc)
        guard let setName = linuxSetName else { return }
        var bytes = Array(name.utf8.prefix(15))
        bytes.append(0)
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = setName(pthread_self(), $0.baseAddress) }
        }
        #else
        _ = pthread_setname_np(name)
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `pthread_setname_np`, looked up once: the Glibc module leaves it out,
    /// as it declares only what `_GNU_SOURCE` does not guard.
    private static let linuxSetName: (@convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32)? = {
        guard let symbol = dlsym(nil, "pthread_setname_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (pthread_t, UnsafePointer<CChar>?) -> Int32).self)
    }()
    #endif

    /// Sleeps the calling thread for `milliseconds`, the whole time even when a
    /// signal interrupts the sleep.
    static func sleep(milliseconds: Int) {
        var request = timespec(tv_sec: milliseconds / 1_000, tv_nsec: (milliseconds % 1_000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }
}
