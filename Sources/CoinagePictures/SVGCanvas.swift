/// An SVG picture built element by element, in whole pixels.
///
/// Every chart starts with a `<title>` and a `<desc>` that `aria-labelledby` names,
/// so a screen reader announces the picture as one image with a summary; every text
/// written into it is escaped. Geometry is in integers: no amount of money ever
/// passes through a floating-point number on its way to a coordinate.
package struct SVGCanvas {
    package let width: Int
    package let height: Int
    private var elements: [String] = []
    private let id: String
    private let title: String
    private let summary: String
    /// Whether a stretch was hatched: the pattern is defined only then, so a page of
    /// many pictures does not define the same `id` many times.
    private var usesHatch = false

    /// `id` must be unique in its page: the title and description are found by it.
    package init(id: String, width: Int, height: Int, title: String, description: String) {
        self.id = id
        self.width = width
        self.height = height
        self.title = title
        self.summary = description
    }

    /// A rectangle; `tooltip` becomes its `<title>`, which browsers show on hover and
    /// screen readers read.
    package mutating func rect(x: Int, y: Int, width: Int, height: Int, class className: String,
                               tooltip: String? = nil, rounded: Int = 0) {
        let corner = rounded > 0 ? " rx=\"\(rounded)\"" : ""
        if className == "cut" { usesHatch = true }
        let attributes = "x=\"\(x)\" y=\"\(y)\" width=\"\(max(0, width))\" height=\"\(max(0, height))\"\(corner) class=\"\(className)\""
        if let tooltip {
            elements.append("<rect \(attributes)><title>\(Markup.escape(tooltip))</title></rect>")
        } else {
            elements.append("<rect \(attributes)/>")
        }
    }

    /// A straight line.
    package mutating func line(x1: Int, y1: Int, x2: Int, y2: Int, class className: String) {
        elements.append("<line x1=\"\(x1)\" y1=\"\(y1)\" x2=\"\(x2)\" y2=\"\(y2)\" class=\"\(className)\"/>")
    }

    /// Text anchored at its start, middle or end.
    package mutating func text(_ text: String, x: Int, y: Int, class className: String, anchor: Anchor = .start) {
        let anchorAttribute = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
        elements.append("<text x=\"\(x)\" y=\"\(y)\" class=\"\(className)\"\(anchorAttribute)>\(Markup.escape(text))</text>")
    }

    /// A polyline through `points`.
    package mutating func polyline(_ points: [(x: Int, y: Int)], class className: String) {
        guard points.count > 1 else { return }
        let list = points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
        elements.append("<polyline points=\"\(list)\" class=\"\(className)\"/>")
    }

    /// A group of what `body` draws, with a class and an accessible label.
    package mutating func group(class className: String, label: String? = nil, _ body: (inout SVGCanvas) -> Void) {
        let labelAttribute = label.map { " role=\"group\"" + Markup.attribute("aria-label", $0) } ?? ""
        elements.append("<g class=\"\(className)\"\(labelAttribute)>")
        body(&self)
        elements.append("</g>")
    }

    /// Where a text's anchor point is.
    package enum Anchor: String {
        case start, middle, end
    }

    /// The hatching that marks a cut stretch or an explicit price, defined once per picture.
    private static let patterns = """
        <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect width="6" height="6" class="hatch-ground"/><line x1="0" y1="0" x2="0" y2="6" class="hatch-line"/></pattern>
        </defs>
        """

    /// The picture as an `<svg>` element, to be put inside a page.
    package func rendered() -> String {
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""
                + " viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" class=\"chart\">",
            "<title id=\"\(id)-title\">\(Markup.escape(title))</title>",
            "<desc id=\"\(id)-desc\">\(Markup.escape(summary))</desc>",
        ]
        if usesHatch { lines.append(Self.patterns) }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    /// The picture as a file of its own: the `<svg>` with the stylesheet inside it,
    /// so it looks the same opened alone as inside its page.
    package func standalone() -> String {
        let svg = rendered()
        guard let close = svg.firstIndex(of: ">") else { return svg }
        let head = svg[...close]
        let rest = svg[svg.index(after: close)...]
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + head + "\n<style>\n" + PageShell.stylesheet + "\n</style>" + rest + "\n"
    }
}

/// Integer geometry: where a value lies on an axis of `length` pixels.
package enum Scale {
    /// `offset + length × (value − low) / (high − low)`, rounded down, clamped to the axis;
    /// computed in 128 bits so a long time range in seconds never overflows.
    package static func position(_ value: Int64, low: Int64, high: Int64, offset: Int, length: Int) -> Int {
        guard high > low else { return offset }
        let clamped = min(max(value, low), high)
        let scaled = Int128(clamped - low) * Int128(length) / Int128(high - low)
        return offset + Int(scaled)
    }
}
