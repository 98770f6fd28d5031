#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lock with a condition to wait on, for state that a thread waits to see change
/// (the server's drain waits for its last connection to end): a pthread mutex and
/// condition variable. `Mutex` of the Synchronization module has no condition.
///
/// Waits are timed on the monotonic clock, so a change of the wall clock neither
/// cuts a drain short nor makes it last longer.
final class ConditionLock: @unchecked Sendable {
    // Allocated, never moved: a pthread mutex or condition must stay at one address.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    init() {
        pthread_mutex_init(mutex, nil)
        #if canImport(Glibc)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        #else
        // Darwin waits with a relative timeout instead (see `wait(untilNanoseconds:)`).
        pthread_cond_init(condition, nil)
        #endif
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` holding the lock.
    func withLock<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Wakes every thread waiting on the condition; called holding the lock.
    func broadcast() { pthread_cond_broadcast(condition) }

    /// Waits, holding the lock, until woken or until the monotonic clock reads
    /// `deadline` (nanoseconds, as `ConditionLock.now()`): false once the deadline has
    /// passed. A wakeup may be spurious, so the caller looks at its state again.
    func wait(untilNanoseconds deadline: UInt64) -> Bool {
        let now = Self.now()
        guard now < deadline else { return false }
        #if canImport(Glibc)
        var until = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        return pthread_cond_timedwait(condition, mutex, &until) != ETIMEDOUT
        #else
        let left = deadline - now
        var interval = timespec(tv_sec: Int(left / 1_000_000_000), tv_nsec: Int(left % 1_000_000_000))
        return pthread_cond_timedwait_relative_np(condition, mutex, &interval) != ETIMEDOUT
        #endif
    }

    /// The monotonic clock in nanoseconds: the clock `wait(untilNanoseconds:)` reads.
    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
