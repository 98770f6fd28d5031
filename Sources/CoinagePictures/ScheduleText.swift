import Coinage

/// A promotion's window and hours as the rules write them, for the calendar's labels:
/// `during 2026-11-27 to 2026-11-30 local`, `every sat, sun from 18:00 to 22:00 local`.
enum ScheduleText {
    static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// One line for the window and one for the hours, those it has.
    static func lines(_ promotion: Promotion) -> [String] {
        var lines: [String] = []
        if let window = promotion.window {
            let start = window.wholeDays ? window.start.date.description : window.start.description
            let end = window.wholeDays ? window.end.date.description : window.end.description
            lines.append("during \(start) to \(end)\(zone(window.zone))")
        }
        if let weekly = promotion.weekly {
            let days = weekly.days.sorted().compactMap { (1...7).contains($0) ? dayNames[$0 - 1] : nil }.joined(separator: ", ")
            var text = "every \(days)"
            if let from = weekly.from, let to = weekly.to { text += " from \(clock(from)) to \(clock(to))" }
            lines.append(text + zone(weekly.zone))
        }
        return lines
    }

    private static func zone(_ reference: ZoneReference) -> String {
        switch reference {
        case .local: " local"
        case .named(let name): " " + name
        }
    }

    /// `18:00`, or `18:00:30` with seconds, for a second of the day.
    static func clock(_ second: Int) -> String {
        func pad(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        let text = pad(second / 3600) + ":" + pad(second / 60 % 60)
        return second % 60 == 0 ? text : text + ":" + pad(second % 60)
    }
}
