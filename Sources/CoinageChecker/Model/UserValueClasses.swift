import CoinageSyntax

/// Where a user attribute's value can change a promotion's answer: the one reading
/// of `ComparedConstants` for an `int` or `date` attribute, shared by the analysis
/// (one value per class) and the diff (buyer profiles).
///
/// A comparison `user.n >= 10` is constant on each side of its constant, so the
/// constants an attribute is compared with cut its range into classes: each
/// constant alone, and the runs between them. Values are the integers a quote
/// resolves facts to: an int as is, a date as its day count (`CivilTime.days(from:)`).
package enum UserValueClasses {
    /// Days of the years 1 to 9999, the dates a request can carry.
    package static let dayRange: ClosedRange<Int64> = -719_162...2_932_896
    /// 2000-01-01: the date used where no condition tells dates apart.
    package static let fallbackDay: Int64 = 10_957

    /// The constants `name` is compared with: its int constants, or its dates as day counts.
    package static func constants(of name: String, in compared: ComparedConstants) -> Set<Int64> {
        compared.ints[name] ?? compared.days[name] ?? []
    }

    /// One value of each class `constants` cut `bounds` into: each constant alone,
    /// and one value from each run between them (the one next to a constant); the
    /// `fallback`, clamped to `bounds`, when no constant falls inside.
    package static func representatives(_ constants: Set<Int64>, within bounds: ClosedRange<Int64>, fallback: Int64) -> [Int64] {
        let cuts = constants.filter { bounds.contains($0) }.sorted()
        guard let firstCut = cuts.first else { return [min(max(fallback, bounds.lowerBound), bounds.upperBound)] }
        var values: [Int64] = []
        if firstCut > bounds.lowerBound { values.append(firstCut - 1) }
        for (position, cut) in cuts.enumerated() {
            values.append(cut)
            let next = position + 1 < cuts.count ? cuts[position + 1] : nil
            if let next { if next > cut + 1 { values.append(cut + 1) } } else if cut < bounds.upperBound { values.append(cut + 1) }
        }
        return values
    }

    /// Each constant and its neighbours on both sides, within `bounds`, ascending:
    /// the values a person reviewing a change expects to see tried (9, 10 and 11
    /// around `>= 10`), a superset of `representatives` that touches every class
    /// next to a constant from both ends.
    package static func neighbourhoods(_ constants: Set<Int64>, within bounds: ClosedRange<Int64>) -> [Int64] {
        var values = Set<Int64>()
        for constant in constants {
            values.insert(constant)
            if constant > Int64.min { values.insert(constant - 1) }
            if constant < Int64.max { values.insert(constant + 1) }
        }
        return values.filter { bounds.contains($0) }.sorted()
    }
}
