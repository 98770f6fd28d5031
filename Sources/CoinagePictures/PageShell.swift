/// The HTML page every picture is put in: one self-contained file with its
/// stylesheet inline, no script, no font or image fetched from anywhere, readable in
/// a light and a dark scheme (`prefers-color-scheme`) and printable (`@media print`).
package enum PageShell {
    /// A whole document: `title` (escaped) as its title and first heading, `subtitle`
    /// (escaped) under it, and `body`, markup that is already safe.
    package static func document(title: String, subtitle: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="coinage">
        <title>\(Markup.escape(title))</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        <header>
        <h1>\(Markup.escape(title))</h1>
        <p class="subtitle">\(Markup.escape(subtitle))</p>
        </header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A figure: a chart with its caption, and its data as a table in a `<details>`
    /// the reader (and a screen reader) can open; printed open.
    package static func figure(_ svg: String, caption: String, table: String, tableSummary: String) -> String {
        """
        <figure>
        <div class="scroll">
        \(svg)
        </div>
        <figcaption>\(Markup.escape(caption))</figcaption>
        <details class="data" open>
        <summary>\(Markup.escape(tableSummary))</summary>
        \(table)
        </details>
        </figure>
        """
    }

    /// A legend: swatches with their meaning.
    package static func legend(_ entries: [(swatch: String, text: String)]) -> String {
        let items = entries.map { "<li><span class=\"swatch \($0.swatch)\" aria-hidden=\"true\"></span>\(Markup.escape($0.text))</li>" }
        return "<ul class=\"legend\">" + items.joined() + "</ul>"
    }

    /// The one stylesheet: colours as custom properties, swapped for a dark scheme and
    /// for print, so the SVG and the tables share them.
    package static let stylesheet = """
        :root { color-scheme: light dark;
          --bg: #ffffff; --fg: #1b1f24; --muted: #5b6470; --grid: #d5d9de; --panel: #f4f6f8;
          --bar: #2f6fba; --bar-local: #1f8a70; --bar-hours: #8a5cc2; --cut: #d1495b; --ground: #ffffff;
          --explicit: #e07a1f; --derived: #5b8bd0; --points: #2a9d8f; --overflow: #9aa3ad;
          --up1: #fde2d6; --up2: #f8b196; --up3: #ef7a5a; --up4: #c8342b;
          --down1: #d9ecf7; --down2: #9fcbe8; --down3: #5a9fd4; --down4: #1f5fa8; --same: #e6e8eb; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #14171b; --fg: #e6e9ed; --muted: #9aa4b1; --grid: #3a414a; --panel: #1e2227;
            --bar: #6ea8ef; --bar-local: #4cc3a0; --bar-hours: #b794f0; --cut: #ff6b7d; --ground: #14171b;
            --explicit: #f4a259; --derived: #7aa7e6; --points: #4fc1b3; --overflow: #6b7480;
            --up1: #4a2a22; --up2: #7a3a2a; --up3: #b0503a; --up4: #e8705a;
            --down1: #1d3346; --down2: #24507a; --down3: #3a78b8; --down4: #6aa8ee; --same: #2a2f36; } }
        @media print {
          :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --grid: #bbbbbb; --panel: #ffffff; --ground: #ffffff; }
          body { margin: 0; font-size: 10pt; } figure, table, section { break-inside: avoid; }
          .scroll { overflow: visible; } details.data > summary { display: none; } }
        body { background: var(--bg); color: var(--fg); margin: 1.5rem;
          font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
        .subtitle, figcaption, .note { color: var(--muted); }
        figure { margin: 1rem 0; } .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
        caption { text-align: left; color: var(--muted); padding: .25rem 0; }
        th, td { border: 1px solid var(--grid); padding: .2rem .5rem; text-align: left; vertical-align: top; }
        td.num { text-align: right; } thead th { background: var(--panel); }
        details.data > summary { cursor: pointer; color: var(--muted); }
        ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
        .swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .35rem; vertical-align: -2px;
          border: 1px solid var(--grid); }
        .badge { display: inline-block; padding: 0 .4rem; border-radius: .6rem; border: 1px solid var(--grid);
          font-size: .85em; color: var(--muted); }
        .grid-cards { display: flex; flex-wrap: wrap; gap: .75rem; }
        .card { background: var(--panel); border: 1px solid var(--grid); border-radius: 6px; padding: .3rem; }
        svg.chart { display: block; max-width: none; }
        svg text { fill: var(--fg); font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
        svg text.small { font-size: 10px; fill: var(--muted); } svg text.name { font-weight: 600; }
        svg text.on-light { font-size: 11px; fill: #1b1f24; } svg text.on-deep { font-size: 11px; fill: #ffffff; }
        svg text.mark { font-size: 11px; font-weight: 700; fill: var(--cut); }
        svg .axis, svg .tick { stroke: var(--grid); stroke-width: 1; } svg .frame { fill: none; stroke: var(--grid); }
        svg .weekend { fill: var(--panel); } svg .lane { fill: none; stroke: var(--grid); stroke-dasharray: 2 3; }
        .bar, svg .bar { fill: var(--bar); } .bar-local, svg .bar-local { fill: var(--bar-local); }
        .bar-hours, svg .bar-hours { fill: var(--bar-hours); }
        .cut, svg .cut { fill: url(#hatch); stroke: var(--cut); stroke-width: 1; }
        .hatch-ground { fill: none; } .hatch-line { stroke: var(--cut); stroke-width: 2.5; }
        .swatch.bar { background: var(--bar); } .swatch.bar-local { background: var(--bar-local); }
        .swatch.bar-hours { background: var(--bar-hours); }
        .swatch.cut { border-color: var(--cut); background: repeating-linear-gradient(45deg, var(--cut) 0 2px, transparent 2px 5px); }
        .swatch.guard { border: 2px solid var(--cut); background: transparent; }
        .explicit, svg .explicit { fill: var(--explicit); background: var(--explicit); }
        .derived, svg .derived { fill: var(--derived); background: var(--derived); }
        .points, svg .points { fill: var(--points); background: var(--points); }
        .overflow, svg .overflow { fill: var(--overflow); background: var(--overflow); }
        svg .guard { fill: none; stroke: var(--cut); stroke-width: 2; } span.guard { border: 2px solid var(--cut); }
        svg .band { fill: none; stroke: var(--muted); stroke-dasharray: 4 3; }
        td.src-explicit { box-shadow: inset 4px 0 0 var(--explicit); } td.src-points { box-shadow: inset 4px 0 0 var(--points); }
        td.src-overflow { box-shadow: inset 4px 0 0 var(--overflow); }
        td.over, td.under { outline: 2px solid var(--cut); outline-offset: -2px; }
        .up1 { fill: var(--up1); background: var(--up1); } .up2 { fill: var(--up2); background: var(--up2); }
        .up3 { fill: var(--up3); background: var(--up3); } .up4 { fill: var(--up4); background: var(--up4); }
        .down1 { fill: var(--down1); background: var(--down1); } .down2 { fill: var(--down2); background: var(--down2); }
        .down3 { fill: var(--down3); background: var(--down3); } .down4 { fill: var(--down4); background: var(--down4); }
        .same { fill: var(--same); background: var(--same); } .empty { fill: none; stroke: var(--grid); }
        td.up3, td.up4, td.down3, td.down4 { color: #ffffff; }
        """
}
