/// A horizontal bar chart drawn as inline SVG: one bar per category, its label on the left and its
/// figure written at the end of the bar, so nothing depends on colour and it prints in black and white.
struct SVGBarChart {
    struct Bar {
        var label: String
        var value: Double
        /// The figure written beside the bar ("42", "12.5%").
        var figure: String
    }

    var title: String
    var bars: [Bar]
    /// The value a full-length bar stands for (100 for percentages); the largest bar when nil.
    var scaleMaximum: Double?

    static let width = 640.0
    static let labelWidth = 230.0
    static let figureWidth = 70.0
    static let barHeight = 16.0
    static let gap = 6.0

    func render() -> String {
        guard !bars.isEmpty else { return "" }
        let top = 8.0
        let height = top + Double(bars.count) * (Self.barHeight + Self.gap) + 4
        let largest = max(scaleMaximum ?? 0, bars.map(\.value).max() ?? 0)
        let room = Self.width - Self.labelWidth - Self.figureWidth - 10
        var out = "<svg class=\"chart\" role=\"img\" width=\"\(Int(Self.width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" aria-label=\"\(HTMLText.escape(title))\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        let axisX = Self.labelWidth + 4
        out += "<line x1=\"\(axisX)\" y1=\"\(top - 4)\" x2=\"\(axisX)\" y2=\"\(height - 2)\" stroke=\"#000\" stroke-width=\"1\"/>\n"
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * (Self.barHeight + Self.gap)
            let length = largest > 0 ? max(0, bar.value) / largest * room : 0
            let textY = y + Self.barHeight - 4
            out += "<text x=\"\(Self.labelWidth - 2)\" y=\"\(Self.format(textY))\" text-anchor=\"end\">\(HTMLText.escape(Self.short(bar.label)))</text>\n"
            out += "<rect x=\"\(axisX)\" y=\"\(Self.format(y))\" width=\"\(Self.format(length))\" height=\"\(Self.barHeight)\" "
                + "fill=\"#4a4a4a\" stroke=\"#000\" stroke-width=\"0.5\"/>\n"
            out += "<text x=\"\(Self.format(axisX + length + 4))\" y=\"\(Self.format(textY))\">\(HTMLText.escape(bar.figure))</text>\n"
        }
        return out + "</svg>\n"
    }

    /// Long labels are cut to fit the label column (the full label is in the table beside the chart).
    static func short(_ label: String) -> String {
        label.count <= 34 ? label : String(label.prefix(33)) + "…"
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String((x * 10).rounded() / 10)
    }
}
