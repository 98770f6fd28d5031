import Coinage
import CoinageSyntax

/// A promotion's hover: what it does, when it is live next (in each zone its
/// window is read in), the regions where it can apply, and the worst case of the
/// discount guard when the analysis found the promotion in it.
extension HoverFacts {
    func promotion(_ name: String) -> String {
        guard let promotion = rules.promotions.first(where: { $0.name == name }) else { return "" }
        var lines: [String] = []
        lines.append(effect(promotion))
        if let window = promotion.window { lines.append(live(window)) }
        if let weekly = promotion.weekly {
            lines.append("hours: " + hours(weekly))
            if promotion.window.map({ isOpen($0) }) ?? true { lines.append(nextHours(weekly)) }
        }
        let regions = reach(name)
        if let regions {
            lines.append(regions.isEmpty ? "applies in no region: its condition never holds" : "may apply in: " + regions.joined(separator: ", "))
        }
        for worst in worstCases where worst.promotions.contains(name) {
            guard case .discount = worst.measure else { continue }
            let quote = worst.quote
            lines.append("worst case of the discount guard: \(Self.percentOff(list: quote.list.minorUnits, price: quote.price.minorUnits)) off "
                         + "`\(quote.item)` in \(quote.region)\(quote.channel.map { " on \($0)" } ?? ""): list \(quote.list), price \(quote.price), with "
                         + worst.promotions.map { "`\($0)`" }.joined(separator: ", "))
        }
        return lines.map { "- " + $0 }.joined(separator: "\n")
    }

    /// `55.00%`: the share of `list` taken off, to two decimals, rounded down.
    static func percentOff(list: Int64, price: Int64) -> String {
        guard list > 0 else { return "0%" }
        let (scaled, overflow) = (list - price).multipliedReportingOverflow(by: 10_000)
        let hundredths = overflow ? (list - price) / (list / 10_000 + 1) : scaled / list
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }

    private func effect(_ promotion: Promotion) -> String {
        var parts: [String] = []
        switch promotion.priceEffect {
        case .percentOff(let percent): parts.append("\(percent) off")
        case .amountOff(let money): parts.append("\(money) off")
        case .setPrice(let money): parts.append("price set to \(money)")
        case nil: break
        }
        switch promotion.bonus {
        case .percent(let percent): parts.append("\(percent) bonus coins")
        case .coins(let coins): parts.append("\(coins) bonus coins")
        case nil: break
        }
        if promotion.exclusive { parts.append("exclusive") }
        if let group = promotion.group { parts.append("group `\(group)`") }
        parts.append("priority \(promotion.priority)")
        if promotion.code != nil { parts.append("needs a code") }
        return parts.joined(separator: ", ")
    }

    /// Whether the window is open now, will open, or has closed, read in its zone
    /// (or in each region's zone for a `local` window).
    private func live(_ window: DateWindow) -> String {
        let bounds = window.wallClockBounds
        func status(_ offsets: ZoneOffsets) -> String {
            let wall = offsets.local(now)
            if wall < bounds.start { return "next live from \(CivilTime.format(bounds.start))" }
            if wall < bounds.end { return "live now, until \(CivilTime.format(bounds.end))" }
            return "ended at \(CivilTime.format(bounds.end))"
        }
        return inZone(window.zone, named: "window: ", local: "window", status)
    }

    /// A status in `zone` after `named`, or for a `local` zone in each region's own
    /// time after `local`, with the regions that share a status listed together.
    private func inZone(_ zone: ZoneReference, named: String, local: String, _ status: (ZoneOffsets) -> String) -> String {
        switch zone {
        case .named(let name):
            return named + status(rules.zoneOffsets[name] ?? .fixed(0)) + " (\(name))"
        case .local:
            var byStatus: [(String, [String])] = []
            for region in rules.regions {
                let text = status(rules.zoneOffsets[region.zone] ?? .fixed(0))
                if let index = byStatus.firstIndex(where: { $0.0 == text }) {
                    byStatus[index].1.append(region.code)
                } else {
                    byStatus.append((text, [region.code]))
                }
            }
            return "\(local) (each region's own time): " + byStatus.map { "\($0.0) in \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
        }
    }

    /// True when the window is open now somewhere (in its zone, or in some region's).
    private func isOpen(_ window: DateWindow) -> Bool {
        let bounds = window.wallClockBounds
        let zones: [String] = switch window.zone {
        case .named(let zone): [zone]
        case .local: rules.regions.map(\.zone)
        }
        return zones.contains { zone in
            let wall = (rules.zoneOffsets[zone] ?? .fixed(0)).local(now)
            return bounds.start <= wall && wall < bounds.end
        }
    }

    /// When the weekly hours are next on (or until when they are on now), in their
    /// zone or each region's.
    private func nextHours(_ weekly: WeeklySchedule) -> String {
        func status(_ offsets: ZoneOffsets) -> String {
            let wall = offsets.local(now)
            let from = Int64(weekly.from ?? 0)
            let to = Int64(weekly.to ?? 86_400)
            let length = weekly.crossesMidnight ? 86_400 - from + to : to - from
            guard length > 0 else { return "never on" }
            let midnight = wall - Int64(CivilTime.secondOfDay(wall))
            // From yesterday (hours past midnight) to a week ahead: every weekday comes once.
            for day in -1...7 {
                let start = midnight + Int64(day) * 86_400 + from
                guard weekly.days.contains(CivilTime.weekday(ofSeconds: start - from)) else { continue }
                var end = start + length
                if wall < start { return "next on from \(CivilTime.format(start))" }
                guard wall < end else { continue }
                // Whole days in a row (`every sat, sun`) are one stretch.
                while weekly.from == nil, weekly.days.contains(CivilTime.weekday(ofSeconds: end)), end - start < 7 * 86_400 { end += 86_400 }
                return "on now, until \(CivilTime.format(end))"
            }
            return "never on"
        }
        return inZone(weekly.zone, named: "hours ", local: "hours", status)
    }

    private func hours(_ weekly: WeeklySchedule) -> String {
        let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        let days = weekly.days.sorted().compactMap { $0 >= 1 && $0 <= 7 ? names[$0 - 1] : nil }.joined(separator: ", ")
        func clock(_ seconds: Int) -> String {
            let hours = seconds / 3600
            let minutes = seconds % 3600 / 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        var text = "every \(days)"
        if let from = weekly.from, let to = weekly.to { text += " from \(clock(from)) to \(clock(to))" }
        switch weekly.zone {
        case .local: text += ", each region's own time"
        case .named(let zone): text += " (\(zone))"
        }
        return text
    }

    /// The regions with a bundle and channel where the promotion is a candidate;
    /// nil when it is not in the compiled program, or when the cells are more than
    /// `LSPLimits.maxHoverReachCells` (a hover must answer at once).
    private func reach(_ name: String) -> [String]? {
        let program = book.program
        let cells = book.prices.cells
        guard let index = program.promotions.firstIndex(where: { $0.name == name }),
              let count = cells.cellCount, count <= LSPLimits.maxHoverReachCells else { return nil }
        var regions: [String] = []
        for region in 0..<min(cells.regions, rules.regions.count) {
            var found = false
            for item in 0..<cells.items where !found {
                for channel in 0..<cells.channels where program.isListed(index, item: item, region: region, channel: channel) {
                    found = true
                    break
                }
            }
            if found { regions.append(rules.regions[region].code) }
        }
        return regions
    }
}
