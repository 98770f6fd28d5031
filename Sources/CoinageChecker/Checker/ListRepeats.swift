import CoinageSyntax

/// The entries of one written list, to report each repeated entry once, however
/// often it repeats.
///
/// A list of a million `US` is one mistake: it gets one warning that counts the
/// repeats, not a million warnings (which would cost time and memory to build only
/// to be cut at `Limits.maxDiagnostics`).
struct ListRepeats {
    /// Per entry written more than once: where it is first repeated, and how often
    /// it is written in all.
    private var repeats: [String: (span: SourceSpan, count: Int)] = [:]
    /// The repeated entries in the order of their first repeat.
    private var order: [String] = []
    /// The first entries, in place and compared one by one: most lists are a few
    /// names long, and a set (or an array) for each cost more than the comparisons.
    private var few = InlineArray<8, String>(repeating: "")
    private var fewCount = 0
    /// Every entry, once the list is longer than `few` holds.
    private var seen: Set<String> = []

    /// Records an entry; true when the list already had it (the caller skips it).
    mutating func isRepeat(_ entry: String, at span: SourceSpan) -> Bool {
        if seen.isEmpty {
            var known = false
            for index in 0..<fewCount where few[index] == entry { known = true; break }
            if !known {
                guard fewCount == few.count else { few[fewCount] = entry; fewCount += 1; return false }
                for index in 0..<fewCount { seen.insert(few[index]) }
                seen.insert(entry)
                return false
            }
        } else if seen.insert(entry).inserted {
            return false
        }
        if let known = repeats[entry] {
            repeats[entry] = (known.span, known.count + 1)
        } else {
            repeats[entry] = (span, 2)
            order.append(entry)
        }
        return true
    }

    /// Each repeated entry, where it is first repeated and how often it is written.
    var found: [(entry: String, span: SourceSpan, count: Int)] {
        order.compactMap { entry in repeats[entry].map { (entry, $0.span, $0.count) } }
    }
}

extension Checker {
    /// One `W0001` per repeated entry of a list: "listed twice", or "listed N times".
    ///
    /// `place` ends the message (` in market `m``); `help` is the fix for an entry
    /// written twice, the longer form covering more.
    mutating func reportRepeats(_ list: ListRepeats, place: String = "", help: (String) -> String?) {
        for (entry, span, count) in list.found {
            if count == 2 {
                report(.duplicateListEntry, "`\(entry)` is listed twice\(place)", at: span, help: help(entry))
            } else {
                report(.duplicateListEntry, "`\(entry)` is listed \(count) times\(place)", at: span,
                       help: "keep the first `\(entry)` and remove the other \(count - 1)")
            }
        }
    }
}
