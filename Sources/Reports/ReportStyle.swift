// ReportStyle: the report's one inline style sheet. System fonts only (no web fonts, nothing
// fetched), light background, a coloured verdict band, cards for key numbers, and the class
// names SVGChart uses (grid, axis, tick, label, value, zero).

enum ReportStyle {
    static let css = """
        :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
          --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --accent: #4e79a7; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
          Arial, sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1200px; margin: 0 auto; padding: 0 24px 40px; }
        header.verdict { color: #fff; padding: 22px 24px 18px; }
        header.verdict > div { max-width: 1152px; margin: 0 auto; display: flex; gap: 18px; align-items: center; }
        header.pass { background: linear-gradient(90deg, #1a7f37, #2da44e); }
        header.fail { background: linear-gradient(90deg, #a40e26, #cf222e); }
        header.interrupted { background: linear-gradient(90deg, #7d4e00, #bf8700); }
        .badge { font-weight: 700; font-size: 13px; letter-spacing: .08em; border: 2px solid rgba(255,255,255,.85);
          border-radius: 6px; padding: 6px 10px; white-space: nowrap; }
        header h1 { margin: 0; font-size: 24px; font-weight: 600; }
        header p { margin: 2px 0 0; opacity: .92; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; margin: 20px 0 8px; }
        .cards.facts { grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); margin-top: 0; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
        .card .v { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: break-word; }
        .card .v.small { font-size: 15px; font-weight: 500; padding-top: 2px; }
        .card.bad .v { color: var(--fail); }
        .card.good .v { color: var(--pass); }
        h2 { font-size: 18px; margin: 28px 0 6px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
        p.note { color: var(--muted); margin: 4px 0 10px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(540px, 1fr)); gap: 18px; align-items: start; }
        figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
        figcaption { font-weight: 600; margin-bottom: 2px; }
        figcaption span { display: block; font-weight: 400; color: var(--muted); font-size: 13px; }
        svg.chart { display: block; max-width: 100%; height: auto; margin-top: 6px; }
        svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
        svg.chart text.tick { fill: var(--muted); font-size: 11px; }
        svg.chart text.value { fill: var(--muted); font-variant-numeric: tabular-nums; }
        svg.chart text.zero { fill: var(--fail); }
        svg.chart text.axis-label { fill: var(--muted); }
        svg.chart line.grid { stroke: #eaeef2; }
        svg.chart line.axis { stroke: #8c959f; }
        .table-wrap { overflow-x: auto; margin-top: 12px; }
        ul.note { color: var(--muted); margin: 4px 0 10px; padding-left: 20px; font-size: 14px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; }
        th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line); }
        th { background: var(--panel); font-weight: 600; white-space: nowrap; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
        code { background: var(--panel); border-radius: 4px; padding: 1px 5px; overflow-wrap: anywhere; }
        pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px;
          white-space: pre-wrap; overflow-wrap: anywhere; margin: 6px 0 0; }
        .sig { font-weight: 600; color: var(--fail); }
        details summary { cursor: pointer; color: var(--accent); }
        a { color: var(--accent); }
        footer { color: var(--muted); font-size: 13px; margin-top: 30px; border-top: 1px solid var(--line); padding-top: 10px; }
        """
}
