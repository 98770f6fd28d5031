import Coinage

/// `coinage timeline --format html`: the calendar, its legend, the table of every
/// stretch it draws and the table of overlaps.
package enum TimelinePage {
    /// Most stretches a table cell lists before it counts the rest.
    package static let stretchesListed = 4

    package static func html(_ timeline: Timeline, rules directory: String) -> String {
        var body: [String] = []
        body.append(PageShell.legend([
            ("bar", "live: a window in UTC or a named zone"),
            ("bar-local", "live: a local window, in each region's zone"),
            ("bar-hours", "live: weekly hours"),
            ("cut", "cut: an earlier exclusive promotion, or one of its group, is live too"),
        ]))
        body.append(PageShell.figure(TimelineChart.svg(timeline).rendered(), caption: TimelineChart.summary(timeline),
                                     table: table(timeline), tableSummary: "The calendar as a table"))
        body.append("<h2>Overlaps that cut</h2>")
        if timeline.overlaps.isEmpty {
            body.append("<p class=\"note\">No exclusive promotion or group member is live at the same time as another it would cut.</p>")
        } else {
            body.append(overlapTable(timeline))
        }
        body += notes(timeline).map { "<p class=\"note\">\(Markup.escape($0))</p>" }
        let regions = timeline.allRegions ? "every region" : "regions " + timeline.regions.joined(separator: ", ")
        return PageShell.document(
            title: "Promotions calendar",
            subtitle: "\(directory): \(Markup.instant(timeline.from)) to \(Markup.instant(timeline.to)), \(regions); times in UTC",
            body: body.joined(separator: "\n"))
    }

    private static func table(_ timeline: Timeline) -> String {
        var rows: [[Markup.Cell]] = []
        for row in timeline.rows {
            let marks = TimelineText.marks(row)
            if row.lanes.isEmpty {
                rows.append([Markup.Cell(row.name, header: true), Markup.Cell(marks), Markup.Cell("—"), Markup.Cell("—"),
                             Markup.Cell("no region shown"), Markup.Cell("")])
            }
            for lane in row.lanes {
                rows.append([
                    Markup.Cell(row.name, header: true), Markup.Cell(marks), Markup.Cell(lane.regions.joined(separator: " ")),
                    Markup.Cell(lane.zones.joined(separator: ", ")),
                    Markup.Cell(TimelineText.stretches(lane.live.map(TimelineText.stretch))),
                    Markup.Cell(lane.cuts.isEmpty ? "—" : TimelineText.stretches(lane.cuts.map(TimelineText.stretch)) + " by " + TimelineText.cutters(lane)),
                ])
            }
        }
        return Markup.table(caption: "Each promotion's live stretches per lane of regions (UTC)",
                            header: ["promotion", "marks", "regions", "zones", "live", "cut"], rows: rows)
    }

    private static func overlapTable(_ timeline: Timeline) -> String {
        let rows = timeline.overlaps.map { overlap in
            [Markup.Cell(overlap.winner, header: true), Markup.Cell(overlap.loser), Markup.Cell(overlap.reason),
             Markup.Cell(overlap.regions.joined(separator: " ")),
             Markup.Cell(TimelineText.stretches(overlap.stretches.map(TimelineText.stretch)))]
        }
        return Markup.table(caption: "Where the first promotion, earlier in the walk, takes the second's place",
                            header: ["first", "cuts", "because", "regions", "when (UTC)"], rows: rows, class: "data overlaps")
    }

    static func notes(_ timeline: Timeline) -> [String] {
        var notes: [String] = []
        if timeline.omittedRows > 0 {
            notes.append("\(Markup.count(timeline.omittedRows)) more promotions are not drawn: a timeline draws at most "
                + "\(Timeline.maxRows) promotions and \(Markup.count(Timeline.maxStretches)) stretches; draw a shorter range or fewer regions.")
        }
        if timeline.moreOverlaps {
            notes.append("More overlaps than the \(Timeline.maxOverlaps) listed; the hatching in the picture shows every one.")
        }
        return notes
    }
}

/// The timeline as plain text, and the words the page and the picture share.
package enum TimelineText {
    package static func text(_ timeline: Timeline) -> String {
        var lines = ["promotions from \(Markup.instant(timeline.from)) to \(Markup.instant(timeline.to)) (UTC)"]
        for row in timeline.rows {
            lines.append("")
            let marks = marks(row)
            lines.append(row.name + (marks.isEmpty ? "" : "  [\(marks)]"))
            for line in row.schedule { lines.append("  \(line)") }
            if row.schedule.isEmpty { lines.append("  always (no window or hours)") }
            if row.lanes.isEmpty { lines.append("  no region shown can get it") }
            for lane in row.lanes {
                lines.append("  \(timeline.label(lane, codesShown: Int.max)):")
                if lane.live.isEmpty { lines.append("    not live in the range") }
                lines += lane.live.map { "    live \(stretch($0))" }
                lines += lane.cuts.map { "    cut  \(stretch($0))" }
                if !lane.cuts.isEmpty { lines.append("    cut by \(cutters(lane))") }
            }
            if row.omittedLanes > 0 { lines.append("  \(row.omittedLanes) more lanes not shown") }
        }
        if !timeline.overlaps.isEmpty {
            lines += ["", "overlaps that cut:"]
            for overlap in timeline.overlaps {
                lines.append("  \(overlap.winner) cuts \(overlap.loser) (\(overlap.reason)) in \(overlap.regions.joined(separator: " ")):")
                lines += overlap.stretches.map { "    \(stretch($0))" }
            }
        }
        lines += TimelinePage.notes(timeline).map { "\n" + $0 }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `exclusive, group weekend, priority 100`.
    static func marks(_ row: Timeline.Row) -> String {
        var marks: [String] = []
        if row.exclusive { marks.append("exclusive") }
        if let group = row.group { marks.append("group \(group)") }
        if row.priority != 0 { marks.append("priority \(row.priority)") }
        return marks.joined(separator: ", ")
    }

    /// `2026-11-26 23:00Z → 2026-11-29 23:00Z`.
    static func stretch(_ stretch: Timeline.Stretch) -> String {
        "\(Markup.instant(stretch.start)) → \(Markup.instant(stretch.end))"
    }

    /// `black_friday (exclusive), happy_hour (group weekend) and others`.
    static func cutters(_ lane: Timeline.Lane) -> String {
        lane.cutBy.joined(separator: ", ") + (lane.moreCutters ? " and others" : "")
    }

    /// The first few, then how many more.
    static func stretches(_ texts: [String]) -> String {
        guard !texts.isEmpty else { return "—" }
        let shown = texts.prefix(TimelinePage.stretchesListed).joined(separator: "; ")
        return texts.count > TimelinePage.stretchesListed
            ? shown + "; and \(texts.count - TimelinePage.stretchesListed) more" : shown
    }
}
