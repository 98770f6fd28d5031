/// The changed stretches between two texts, line by line (Myers' difference
/// algorithm), so that formatting sends small edits rather than the whole file,
/// and a range format can keep the edits that touch its range.
package enum LineDiff {
    /// Old lines `old` are replaced by new lines `new` (both half-open, 0-based).
    package struct Hunk: Equatable, Sendable {
        package let old: Range<Int>
        package let new: Range<Int>
    }

    /// A text's lines, each with its terminator; a text ending in a newline has no
    /// empty last line.
    package static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(bytes[start...index])
            start = index + 1
        }
        if start < bytes.count { lines.append(bytes[start...]) }
        return lines
    }

    /// The hunks turning `old` into `new`; one hunk over everything that differs
    /// when the texts are too long, or too different, for a line-by-line diff.
    package static func hunks(_ old: [ArraySlice<UInt8>], _ new: [ArraySlice<UInt8>]) -> [Hunk] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] {
            suffix += 1
        }
        let a = Array(old[prefix..<old.count - suffix])
        let b = Array(new[prefix..<new.count - suffix])
        if a.isEmpty, b.isEmpty { return [] }
        let whole = [Hunk(old: prefix..<old.count - suffix, new: prefix..<new.count - suffix)]
        guard a.count + b.count <= LSPLimits.maxDiffLines, let matches = matches(a, b) else { return whole }
        var hunks: [Hunk] = []
        var x = 0
        var y = 0
        for (mx, my) in matches + [(a.count, b.count)] {
            if mx > x || my > y { hunks.append(Hunk(old: prefix + x..<prefix + mx, new: prefix + y..<prefix + my)) }
            x = mx + 1
            y = my + 1
        }
        return hunks
    }

    /// The pairs of equal lines of a shortest edit script, in order; nil when the
    /// script would need more than `LSPLimits.maxDiffDistance` insertions and deletions.
    private static func matches(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [(Int, Int)]? {
        let n = a.count
        let m = b.count
        let limit = min(n + m, LSPLimits.maxDiffDistance)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            trace.append(v)
            var k = -d
            while k <= d {
                var x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[k + offset] = x
                if x >= n, y >= m { return backtrack(trace, d: d, n: n, m: m, offset: offset) }
                k += 2
            }
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], d: Int, n: Int, m: Int, offset: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        for step in stride(from: d, through: 0, by: -1) {
            let v = trace[step]
            let k = x - y
            let previousK = (k == -step || (k != step && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let previousX = step == 0 ? 0 : v[previousK + offset]
            let previousY = step == 0 ? 0 : previousX - previousK
            while x > previousX, y > previousY {
                x -= 1
                y -= 1
                pairs.append((x, y))
            }
            x = previousX
            y = previousY
        }
        return pairs.reversed()
    }
}
