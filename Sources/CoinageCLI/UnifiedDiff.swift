/// A unified diff of two texts, line by line, as `diff -u` and `git diff` print it.
///
/// Lines are matched with Myers' algorithm after the common head and tail are set
/// aside. Past `maxEditDistance` the middle is shown as removed and added whole
/// rather than searched further.
enum UnifiedDiff {
    /// Unchanged lines shown around each change.
    static let contextLines = 3
    /// Most lines added and removed that the diff searches for a shortest script.
    static let maxEditDistance = 1_000

    /// The diff from `old` to `new` under `--- a/PATH` and `+++ b/PATH` headers;
    /// empty when the texts are equal.
    static func render(path: String, old: String, new: String) -> String {
        let before = lines(old)
        let after = lines(new)
        guard before != after else { return "" }
        let script = editScript(before, after)
        // `a/` and `b/` as git writes them, so that `git apply` takes the diff.
        let shown = path.drop { $0 == "/" }
        var text = "--- a/\(shown)\n+++ b/\(shown)\n"
        for hunk in hunks(script) {
            text += render(hunk, script: script, before: before, after: after)
        }
        return text
    }

    enum Edit: Equatable {
        case keep(old: Int, new: Int)
        case remove(old: Int)
        case add(new: Int)
    }

    /// Lines with their terminator, so that a missing final newline is a change.
    static func lines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = start
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "\n" || text[index] == "\r\n" {
                result.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result
    }

    static func editScript(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        var script = (0..<head).map { Edit.keep(old: $0, new: $0) }
        script += middle(a, b, oldRange: head..<(a.count - tail), newRange: head..<(b.count - tail))
        script += (0..<tail).map { Edit.keep(old: a.count - tail + $0, new: b.count - tail + $0) }
        return script
    }

    /// Myers' greedy shortest edit script between two ranges.
    private static func middle(_ a: [Substring], _ b: [Substring], oldRange: Range<Int>, newRange: Range<Int>) -> [Edit] {
        let n = oldRange.count
        let m = newRange.count
        let wholesale = oldRange.map { Edit.remove(old: $0) } + newRange.map { Edit.add(new: $0) }
        guard n > 0, m > 0 else { return wholesale }
        let limit = min(n + m, maxEditDistance)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for distance in 0...limit {
            trace.append(frontier)
            for diagonal in stride(from: -distance, through: distance, by: 2) {
                var x = diagonal == -distance || (diagonal != distance && frontier[offset + diagonal - 1] < frontier[offset + diagonal + 1])
                    ? frontier[offset + diagonal + 1] : frontier[offset + diagonal - 1] + 1
                var y = x - diagonal
                while x < n, y < m, a[oldRange.lowerBound + x] == b[newRange.lowerBound + y] { x += 1; y += 1 }
                frontier[offset + diagonal] = x
                if x >= n, y >= m {
                    return backtrack(trace, distance: distance, offset: offset, n: n, m: m)
                        .map { shift($0, old: oldRange.lowerBound, new: newRange.lowerBound) }
                }
            }
        }
        return wholesale
    }

    private static func backtrack(_ trace: [[Int]], distance: Int, offset: Int, n: Int, m: Int) -> [Edit] {
        var edits: [Edit] = []
        var x = n
        var y = m
        for d in stride(from: distance, through: 0, by: -1) {
            let frontier = trace[d]
            let diagonal = x - y
            let previous = d == 0 ? diagonal
                : diagonal == -d || (diagonal != d && frontier[offset + diagonal - 1] < frontier[offset + diagonal + 1])
                ? diagonal + 1 : diagonal - 1
            let startX = d == 0 ? 0 : frontier[offset + previous]
            let startY = startX - previous
            while x > startX, y > startY {
                x -= 1; y -= 1
                edits.append(.keep(old: x, new: y))
            }
            if d > 0 {
                if previous == diagonal + 1 { y -= 1; edits.append(.add(new: y)) } else { x -= 1; edits.append(.remove(old: x)) }
            }
        }
        return edits.reversed()
    }

    private static func shift(_ edit: Edit, old: Int, new: Int) -> Edit {
        switch edit {
        case let .keep(o, n): .keep(old: o + old, new: n + new)
        case .remove(let o): .remove(old: o + old)
        case .add(let n): .add(new: n + new)
        }
    }

    /// Ranges of the script to print: each change with its context, changes
    /// closer than twice the context merged into one hunk.
    static func hunks(_ script: [Edit]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, edit) in script.enumerated() {
            if case .keep = edit { continue }
            let range = max(0, index - contextLines)..<min(script.count, index + contextLines + 1)
            if let last = ranges.last, range.lowerBound <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
            } else {
                ranges.append(range)
            }
        }
        return ranges
    }

    private static func render(_ hunk: Range<Int>, script: [Edit], before: [Substring], after: [Substring]) -> String {
        var oldLines: [Int] = []
        var newLines: [Int] = []
        var body = ""
        for edit in script[hunk] {
            switch edit {
            case let .keep(old, new):
                oldLines.append(old); newLines.append(new)
                body += line(" ", before[old])
            case .remove(let old):
                oldLines.append(old)
                body += line("-", before[old])
            case .add(let new):
                newLines.append(new)
                body += line("+", after[new])
            }
        }
        let oldStart = oldLines.first ?? positionBefore(hunk, in: script, old: true)
        let newStart = newLines.first ?? positionBefore(hunk, in: script, old: false)
        return "@@ -\(range(oldStart, oldLines.count)) +\(range(newStart, newLines.count)) @@\n" + body
    }

    /// For a hunk with no line on one side: how many lines of that side come before it.
    private static func positionBefore(_ hunk: Range<Int>, in script: [Edit], old: Bool) -> Int {
        var count = 0
        for edit in script[..<hunk.lowerBound] {
            switch edit {
            case .keep: count += 1
            case .remove: if old { count += 1 }
            case .add: if !old { count += 1 }
            }
        }
        return count - 1
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start + 1),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }

    private static func line(_ marker: String, _ text: Substring) -> String {
        if text.last == "\n" || text.last == "\r\n" { return marker + text }
        return marker + text + "\n\\ No newline at end of file\n"
    }
}
