// SVGChart: the report's two chart kinds, drawn as inline SVG strings with no scripts and no
// external resources. Takes labelled values (bars) or (x, y) points (line); gives an `<svg>`
// element with axes, ticks, grid lines and labels. Every label is escaped. Output depends only
// on the input (fixed number formats, no hash order), so reports are byte-for-byte stable.
// Cost: O(items).

/// One bar of a horizontal bar chart.
public struct ChartBar: Hashable, Sendable {
    public var label: String
    public var value: Double
    /// Text shown after the bar (default: the value, compact).
    public var note: String?

    public init(label: String, value: Double, note: String? = nil) {
        self.label = label
        self.value = value
        self.note = note
    }
}

/// One series of a line chart.
public struct ChartSeries: Hashable, Sendable {
    public var name: String
    public var points: [ChartPoint]
    /// A CSS colour.
    public var color: String

    public init(name: String, points: [ChartPoint], color: String = SVGChart.palette[0]) {
        self.name = name
        self.points = points
        self.color = color
    }
}

public struct ChartPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// Inline SVG charts.
public enum SVGChart {
    /// Colours that stay distinct for colour-blind readers (Tableau 10 order).
    public static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]

    /// A horizontal bar chart, one row per bar in the given order. Zero bars are marked
    /// (their label in the warning colour) when `markZeros` is set: for coverage charts a zero
    /// is a gap worth seeing.
    public static func horizontalBars(
        _ bars: [ChartBar], title: String, width: Int = 640, markZeros: Bool = false, color: String = palette[0]
    ) -> String {
        let rowHeight = 22
        let longest = bars.map(\.label.count).max() ?? 4
        let labelWidth = min(260, max(60, longest * 7 + 12))
        let noteWidth = 70
        let top = 28
        let plotWidth = Double(max(80, width - labelWidth - noteWidth - 12))
        let plotHeight = max(1, bars.count) * rowHeight
        let height = top + plotHeight + 8
        let scale = ChartScale(min: 0, max: bars.map(\.value).max() ?? 0, count: 4)
        var svg = open(width: width, height: height, title: title)
        // Ticks along the top, grid lines down the plot.
        for tick in scale.ticks {
            let x = Double(labelWidth) + scale.fraction(tick) * plotWidth
            svg += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(top - 4)\" x2=\"\(f(x))\" y2=\"\(top + plotHeight)\"/>"
            svg += "<text class=\"tick\" x=\"\(f(x))\" y=\"\(top - 8)\" text-anchor=\"middle\">\(HTMLText.compact(tick))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(labelWidth)\" y1=\"\(top - 4)\" x2=\"\(labelWidth)\" y2=\"\(top + plotHeight)\"/>"
        for (row, bar) in bars.enumerated() {
            let y = top + row * rowHeight
            let length = max(0, scale.fraction(bar.value)) * plotWidth
            let zero = markZeros && bar.value == 0
            let label = HTMLText.escape(bar.label)
            svg += "<text class=\"\(zero ? "label zero" : "label")\" x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(label)</text>"
            if length > 0 {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(f(max(1, length)))\" height=\"\(rowHeight - 8)\" rx=\"2\" fill=\"\(HTMLText.escape(color))\"><title>\(label): \(HTMLText.escape(bar.note ?? HTMLText.compact(bar.value)))</title></rect>"
            }
            let note = bar.note ?? (zero ? "0 — never" : HTMLText.compact(bar.value))
            svg += "<text class=\"\(zero ? "value zero" : "value")\" x=\"\(f(Double(labelWidth) + length + 5))\" y=\"\(y + 15)\">\(HTMLText.escape(note))</text>"
        }
        if bars.isEmpty {
            svg += "<text class=\"label\" x=\"\(labelWidth + 6)\" y=\"\(top + 15)\">no data</text>"
        }
        return svg + "</svg>"
    }

    /// A line chart with x and y axes; several series share the axes (a legend names them).
    public static func line(
        _ series: [ChartSeries], title: String, xLabel: String, yLabel: String, width: Int = 640, height: Int = 260
    ) -> String {
        let left = 64, right = 16, top = series.count > 1 ? 30 : 14, bottom = 44
        let plotWidth = Double(width - left - right)
        let plotHeight = Double(height - top - bottom)
        let points = series.flatMap(\.points)
        let xs = ChartScale(min: points.map(\.x).min() ?? 0, max: points.map(\.x).max() ?? 1, count: 6)
        let ys = ChartScale(min: 0, max: points.map(\.y).max() ?? 1, count: 4)
        func px(_ x: Double) -> Double { Double(left) + xs.fraction(x) * plotWidth }
        func py(_ y: Double) -> Double { Double(top) + (1 - ys.fraction(y)) * plotHeight }
        var svg = open(width: width, height: height, title: title)
        for tick in ys.ticks {
            let y = py(tick)
            svg += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(f(y))\" x2=\"\(f(Double(left) + plotWidth))\" y2=\"\(f(y))\"/>"
            svg += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTMLText.compact(tick))</text>"
        }
        for tick in xs.ticks {
            let x = px(tick)
            svg += "<line class=\"axis\" x1=\"\(f(x))\" y1=\"\(f(Double(top) + plotHeight))\" x2=\"\(f(x))\" y2=\"\(f(Double(top) + plotHeight + 4))\"/>"
            svg += "<text class=\"tick\" x=\"\(f(x))\" y=\"\(f(Double(top) + plotHeight + 17))\" text-anchor=\"middle\">\(HTMLText.compact(tick))</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(f(Double(top) + plotHeight))\"/>"
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(f(Double(top) + plotHeight))\" x2=\"\(f(Double(left) + plotWidth))\" y2=\"\(f(Double(top) + plotHeight))\"/>"
        svg += "<text class=\"axis-label\" x=\"\(f(Double(left) + plotWidth / 2))\" y=\"\(height - 6)\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>"
        svg += "<text class=\"axis-label\" transform=\"translate(14 \(f(Double(top) + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>"
        for (index, one) in series.enumerated() {
            let color = HTMLText.escape(one.color)
            if one.points.count > 1 {
                let path = one.points.enumerated().map { i, p in (i == 0 ? "M" : "L") + f(px(p.x)) + " " + f(py(p.y)) }
                svg += "<path d=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-linejoin=\"round\"/>"
            }
            if one.points.count <= 40 {
                for p in one.points {
                    svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(color)\"><title>\(HTMLText.escape(one.name)): \(HTMLText.compact(p.x)), \(HTMLText.compact(p.y))</title></circle>"
                }
            }
            if series.count > 1 {
                let x = left + index * 150
                svg += "<rect x=\"\(x)\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"\(color)\"/>"
                svg += "<text class=\"label\" x=\"\(x + 17)\" y=\"16\">\(HTMLText.escape(one.name))</text>"
            }
        }
        if points.isEmpty {
            svg += "<text class=\"label\" x=\"\(left + 8)\" y=\"\(top + 20)\">no data</text>"
        }
        return svg + "</svg>"
    }

    private static func open(width: Int, height: Int, title: String) -> String {
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\"><title>\(HTMLText.escape(title))</title>"
    }

    /// Coordinates with one decimal: enough for the screen, stable in text.
    private static func f(_ value: Double) -> String { HTMLText.decimal(value, 1) }
}
