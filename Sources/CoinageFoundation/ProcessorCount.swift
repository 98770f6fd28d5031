#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension PlatformCalls {
    /// How many threads of this process can run at once, at least 1: the processors
    /// its affinity mask allows (where the C library has one), else those online,
    /// fewer when its container's CPU quota (cgroup v2 `cpu.max`, or v1's
    /// `cpu.cfs_quota_us` over `cpu.cfs_period_us`) allows fewer, rounded up.
    ///
    /// The batch splits its blocks and the server starts its event loops by this
    /// count; a worker per processor the machine has but the container does not
    /// give would only wait its turn.
    public static var activeProcessorCount: Int {
        let processors = affinityCount() ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        guard let quota = cpuQuota() else { return processors }
        return max(1, min(processors, quota))
    }

    /// The processors in the affinity mask (`taskset`, a container's CPU set), or nil
    /// where the C library cannot say.
    private static func affinityCount() -> Int? {
        #if canImport(Glibc)
        // Looked up by name: `sched_getaffinity` is a GNU extension the overlay leaves out.
        typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
        guard let symbol = dlsym(nil, "sched_getaffinity") else { return nil }
        var mask = [UInt64](repeating: 0, count: 16)   // 1,024 processors, glibc's cpu_set_t
        let result = mask.withUnsafeMutableBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return -1 }
            return unsafeBitCast(symbol, to: GetAffinity.self)(0, bytes.count, base)
        }
        let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
        return result == 0 && count > 0 ? count : nil
        #else
        return nil
        #endif
    }

    /// The CPU quota of the process's cgroup in whole processors (rounded up), or
    /// nil when there is none or it cannot be read.
    private static func cpuQuota() -> Int? {
        func whole(_ quota: Int?, _ period: Int?) -> Int? {
            guard let quota, let period, quota > 0, period > 0 else { return nil }
            return (quota + period - 1) / period
        }
        if let line = firstLine(of: "/sys/fs/cgroup/cpu.max") {
            // "max 100000" when unlimited, else "QUOTA PERIOD".
            let fields = line.split(separator: " ")
            return fields.count == 2 ? whole(Int(fields[0]), Int(fields[1])) : nil
        }
        return whole(firstLine(of: "/sys/fs/cgroup/cpu/cpu.cfs_quota_us").flatMap { Int($0) },
                     firstLine(of: "/sys/fs/cgroup/cpu/cpu.cfs_period_us").flatMap { Int($0) })
    }

    /// The first line of a small file (a cgroup setting), or nil when it cannot be read.
    private static func firstLine(of path: String) -> String? {
        guard case .success(let bytes) = RulesFileSystem.system.read(path, 256), !bytes.isEmpty else { return nil }
        return String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
    }
}
