import Coinage

/// The timeline drawn as SVG: days across in UTC, a block of lanes per promotion,
/// live stretches as bars and cut stretches hatched over them.
package enum TimelineChart {
    /// Picture width and the column of labels on its left, in pixels.
    static let width = 1100
    static let labelWidth = 270
    static let rightMargin = 16
    static let axisHeight = 44
    static let rowHeader = 34
    static let laneHeight = 18
    static let bottomMargin = 12
    /// Least room between two date labels on the axis.
    static let labelSpacing = 64

    static var plotWidth: Int { width - labelWidth - rightMargin }

    /// The whole picture.
    package static func svg(_ timeline: Timeline) -> SVGCanvas {
        let height = axisHeight + timeline.rows.reduce(0) { $0 + rowHeight($1) } + bottomMargin
        var canvas = SVGCanvas(id: "timeline", width: width, height: max(height, axisHeight + bottomMargin + laneHeight),
                               title: "Promotions from \(Markup.instant(timeline.from)) to \(Markup.instant(timeline.to))",
                               description: summary(timeline))
        axis(&canvas, timeline, bottom: canvas.height - bottomMargin)
        var top = axisHeight
        for row in timeline.rows {
            draw(row, in: &canvas, timeline: timeline, top: top)
            top += rowHeight(row)
        }
        if timeline.rows.isEmpty {
            canvas.text("The rules declare no promotions.", x: labelWidth, y: axisHeight + 14, class: "small")
        }
        return canvas
    }

    static func rowHeight(_ row: Timeline.Row) -> Int {
        rowHeader + max(1, row.lanes.count) * laneHeight + 6
    }

    /// One sentence a screen reader says for the whole picture.
    static func summary(_ timeline: Timeline) -> String {
        let live = timeline.rows.filter { $0.lanes.contains { !$0.live.isEmpty } }.count
        var text = "\(timeline.rows.count) promotions, \(live) of them live in the range; times in UTC."
        if !timeline.overlaps.isEmpty {
            text += " \(timeline.overlaps.count) overlaps where one promotion cuts another are hatched."
        }
        return text + " The table after the picture lists every stretch."
    }

    private static func x(_ instant: Int64, _ timeline: Timeline) -> Int {
        Scale.position(instant, low: timeline.from, high: timeline.to, offset: labelWidth, length: plotWidth)
    }

    /// Day lines, weekends shaded when a day is wide enough to see it, and dates.
    private static func axis(_ canvas: inout SVGCanvas, _ timeline: Timeline, bottom: Int) {
        let firstDay = timeline.from >= 0 ? timeline.from / 86_400 : (timeline.from - 86_399) / 86_400
        let days = (timeline.to - firstDay * 86_400 + 86_399) / 86_400
        let dayWidth = plotWidth * 86_400 / Int(max(1, timeline.to - timeline.from))
        let step = labelStep(dayWidth: dayWidth)
        canvas.group(class: "axis-group") { canvas in
            for offset in 0..<days {
                let start = (firstDay + offset) * 86_400
                let left = x(start, timeline)
                let right = x(start + 86_400, timeline)
                if dayWidth >= 4, CivilTime.weekday(ofSeconds: start) >= 6 {
                    canvas.rect(x: left, y: axisHeight - 6, width: right - left, height: bottom - axisHeight + 6, class: "weekend")
                }
                guard offset % Int64(step) == 0, start >= timeline.from else { continue }
                canvas.line(x1: left, y1: axisHeight - 10, x2: left, y2: bottom, class: "tick")
                let date = Markup.date(start)
                canvas.text(String(date.dropFirst(5)), x: left + 2, y: axisHeight - 14, class: "small")
                // The month over the first date and over each first of a month.
                if offset < Int64(step) || date.hasSuffix("-01") {
                    canvas.text(String(date.prefix(7)), x: left + 2, y: axisHeight - 28, class: "small")
                }
            }
            canvas.line(x1: labelWidth, y1: axisHeight - 6, x2: width - rightMargin, y2: axisHeight - 6, class: "axis")
            canvas.text("UTC", x: 4, y: axisHeight - 14, class: "small")
        }
    }

    /// Days between date labels: 1, 2, 7, 14 or 28, the first that leaves room.
    static func labelStep(dayWidth: Int) -> Int {
        for step in [1, 2, 7, 14, 28] where step * max(dayWidth, 0) >= labelSpacing { return step }
        return 56
    }

    private static func draw(_ row: Timeline.Row, in canvas: inout SVGCanvas, timeline: Timeline, top: Int) {
        var marks: [String] = []
        if row.exclusive { marks.append("exclusive") }
        if let group = row.group { marks.append("group \(group)") }
        if row.priority != 0 { marks.append("priority \(row.priority)") }
        canvas.group(class: "row", label: "promotion \(row.name)") { canvas in
            canvas.line(x1: 0, y1: top, x2: width - rightMargin, y2: top, class: "axis")
            canvas.text(row.name, x: 4, y: top + 15, class: "name")
            if !marks.isEmpty { canvas.text(marks.joined(separator: " · "), x: labelWidth, y: top + 15, class: "mark") }
            let schedule = row.schedule.isEmpty ? "always (no window or hours)" : row.schedule.joined(separator: "; ")
            canvas.text(schedule + (row.omittedLanes > 0 ? " (\(row.omittedLanes) more lanes not drawn)" : ""),
                        x: 4, y: top + 29, class: "small")
            if row.lanes.isEmpty {
                canvas.text("no region shown can get it", x: labelWidth, y: top + rowHeader + 12, class: "small")
            }
            for (number, lane) in row.lanes.enumerated() {
                let laneTop = top + rowHeader + number * laneHeight
                let label = timeline.label(lane)
                canvas.text(label, x: 14, y: laneTop + 13, class: "small")
                canvas.rect(x: labelWidth, y: laneTop + 2, width: plotWidth, height: laneHeight - 4, class: "lane")
                let kind = row.hasHours ? "bar-hours" : (row.isLocal ? "bar-local" : "bar")
                for stretch in lane.live {
                    let left = x(stretch.start, timeline)
                    canvas.rect(x: left, y: laneTop + 3, width: max(1, x(stretch.end, timeline) - left), height: laneHeight - 6,
                                class: kind, tooltip: "\(row.name) in \(label): \(TimelineText.stretch(stretch))")
                }
                let cutters = TimelineText.cutters(lane)
                for cut in lane.cuts {
                    let left = x(cut.start, timeline)
                    canvas.rect(x: left, y: laneTop + 1, width: max(2, x(cut.end, timeline) - left), height: laneHeight - 2,
                                class: "cut", tooltip: "\(row.name) cut by \(cutters) in \(label): \(TimelineText.stretch(cut))")
                }
            }
        }
    }
}
