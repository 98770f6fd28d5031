/// Every cell's candidates as one word of bits, for a book of at most
/// `maximumPromotions` promotions: the walk of such a book takes its candidates
/// from a word, in walk order by the lowest bit first, and drops every candidate
/// whose fact tests the buyer fails with one `and` (`FactClasses`), where the walk
/// over a cell's list reads each candidate's header and tests it.
///
/// Cells share their words: a cell holds the number of its `Pattern`, and a shop's
/// cells fall into few patterns (the candidates of a cell depend on its item, region
/// and channel through the promotions' reaches only).
struct CandidateMasks: Sendable {
    /// The most promotions a book's masks cover: one bit each in a word.
    static let maximumPromotions = 64

    /// One cell's candidates, global ones included, by how each is tested.
    struct Pattern: Hashable, Sendable {
        /// Every candidate.
        var listed: UInt64 = 0
        /// Those whose condition (the rest a cell leaves open, or the whole) is fact
        /// tests, decided by the buyer's `FactClasses`.
        var byFacts: UInt64 = 0
        /// Those tested candidate by candidate, and of them those tested for the rest
        /// of their condition a cell leaves open (the others, for the whole).
        var tested: UInt64 = 0
        var restTested: UInt64 = 0

        var wholeTested: UInt64 { tested & ~restTested }
    }

    /// Whether the masks cover the book: false past `maximumPromotions`, or when the
    /// book does not list every cell's candidates; the walk then reads the lists.
    let coversBook: Bool
    private(set) var cellPatterns: [Int32] = []
    private(set) var patterns: [Pattern] = []
    /// The classes of the facts each promotion's `byFacts` tests read.
    private(set) var facts = FactClasses()

    /// Masks that cover no book.
    init() { coversBook = false }

    /// The masks of `index`'s lists, with the conditions as `plan` lays them out, for
    /// `promotionCount` promotions.
    init(index: PromotionIndex, plan: ConditionPlan, promotionCount: Int) {
        guard promotionCount <= Self.maximumPromotions, index.listsEveryCell else {
            coversBook = false
            return
        }
        coversBook = true
        // A promotion's tests decided by the buyer's classes: its rest's when that is
        // fact tests (most cells list it with its rest), else its whole condition's.
        let decided: [FactTestSpan?] = (0..<promotionCount).map { promotion in
            let rest = plan.restTests[promotion]
            if !rest.isNodes { return rest }
            let whole = plan.rootTests[promotion]
            return whole.isNodes ? nil : whole
        }
        facts = FactClasses(tests: decided.map { span in
            guard let span else { return [] }
            return Array(plan.factTests[span.start..<span.start + span.count])
        })
        func add(_ entry: CandidateEntry, to pattern: inout Pattern) {
            let bit: UInt64 = 1 << UInt64(entry.index)
            pattern.listed |= bit
            guard entry.needsCondition else { return }
            let span = entry.testsRest ? plan.restTests[entry.index] : plan.rootTests[entry.index]
            if let tests = decided[entry.index], tests == span {
                pattern.byFacts |= bit
            } else {
                pattern.tested |= bit
                if entry.testsRest { pattern.restTested |= bit }
            }
        }
        var global = Pattern()
        for entry in index.global { add(entry, to: &global) }
        var numbers: [Pattern: Int32] = [:]
        let cells = index.cells
        cellPatterns.reserveCapacity(cells.cellCount)
        for cell in 0..<cells.cellCount {
            var pattern = global
            for position in cells.range(of: cell) { add(cells.entries[position], to: &pattern) }
            if let number = numbers[pattern] {
                cellPatterns.append(number)
            } else {
                let number = Int32(truncatingIfNeeded: patterns.count)
                numbers[pattern] = number
                patterns.append(pattern)
                cellPatterns.append(number)
            }
        }
    }

    /// The pattern of cell `cell`.
    @inline(__always)
    func pattern(of cell: Int) -> Pattern { patterns[Int(cellPatterns[cell])] }
}
