import FieldworkBasics
import Foundation

/// The dashboard as one self-contained HTML page: inline CSS, SVG drawn here, nothing fetched from
/// anywhere, readable on a laptop and printed in black and white (series differ by marker shape and
/// line pattern, not colour alone).
public enum DashboardHTML {
    public static func page(_ d: Dashboard, generated: String) -> String {
        var body = ""
        body += "<h1>Online crime in London: quarterly dashboard</h1>\n"
        body += "<p class=\"meta\">Made \(escape(generated)) from \(d.surveys.map { "\(escape(Dashboard.label($0))): \($0.cases.count) completed interviews\($0.weighted ? "" : " (unweighted)")" }.joined(separator: "; ")).</p>\n"
        body += "<h2>Share reporting any online crime in the last 12 months, by quarter of interview</h2>\n"
        body += chart(d)
        body += headlineTable(d)
        body += groupTables(d)
        if !d.referrals.isEmpty { body += referrals(d) }
        body += methods(d)
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Online crime dashboard</title>
        <style>
        body { font-family: sans-serif; margin: 2em auto; max-width: 60em; color: #111; line-height: 1.4; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #444; }
        table { border-collapse: collapse; margin: 0.6em 0; } th, td { border: 1px solid #888; padding: 0.2em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; } .meta, .note { color: #333; font-size: 0.9em; }
        .suppressed { font-style: italic; } svg { max-width: 100%; height: auto; }
        @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } table, svg { page-break-inside: avoid; } }
        </style></head><body>
        \(body)</body></html>

        """
    }

    static let markers = ["circle", "square"]

    static func chart(_ d: Dashboard) -> String {
        let headline = d.headline.filter { !$0.suppressed && $0.proportion.estimate != nil }
        let quarters = Array(Set(d.headline.map(\.quarter))).sorted()
        let surveys = Array(Set(d.headline.map(\.survey))).sorted()
        guard !quarters.isEmpty else { return "<p>No completed interviews yet: nothing to chart.</p>\n" }
        let width = 720.0, height = 320.0, left = 60.0, right = 20.0, top = 20.0, bottom = 50.0
        let top95 = headline.compactMap { $0.proportion.high }.max() ?? 0.1
        let yMax = max(0.1, (top95 * 10).rounded(.up) / 10)
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ q: String) -> Double { left + plotW * (Double(quarters.firstIndex(of: q)!) + 0.5) / Double(quarters.count) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        var svg = "<svg role=\"img\" aria-label=\"Share reporting online crime by quarter\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>\n"
        for tick in stride(from: 0.0, through: yMax + 1e-9, by: yMax / 5) {
            svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" stroke=\"#ccc\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" font-size=\"11\" text-anchor=\"end\">\(Int((tick * 100).rounded()))%</text>\n"
        }
        for q in quarters {
            svg += "<text x=\"\(x(q))\" y=\"\(height - bottom + 18)\" font-size=\"11\" text-anchor=\"middle\">\(escape(q))</text>\n"
        }
        svg += "<line x1=\"\(left)\" x2=\"\(left)\" y1=\"\(top)\" y2=\"\(top + plotH)\" stroke=\"#000\"/>"
        svg += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(top + plotH)\" y2=\"\(top + plotH)\" stroke=\"#000\"/>\n"
        for (index, survey) in surveys.enumerated() {
            let points = headline.filter { $0.survey == survey }.sorted { $0.quarter < $1.quarter }
            let offset = (Double(index) - Double(surveys.count - 1) / 2) * 8
            if points.count > 1 {
                let path = points.map { "\(x($0.quarter) + offset),\(y($0.proportion.estimate!))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"\(index == 1 ? " stroke-dasharray=\"5,3\"" : "")/>\n"
            }
            for p in points {
                let px = x(p.quarter) + offset, py = y(p.proportion.estimate!)
                if let lo = p.proportion.low, let hi = p.proportion.high {
                    svg += "<line x1=\"\(px)\" x2=\"\(px)\" y1=\"\(y(lo))\" y2=\"\(y(hi))\" stroke=\"#000\"/>"
                    svg += "<line x1=\"\(px - 4)\" x2=\"\(px + 4)\" y1=\"\(y(lo))\" y2=\"\(y(lo))\" stroke=\"#000\"/><line x1=\"\(px - 4)\" x2=\"\(px + 4)\" y1=\"\(y(hi))\" y2=\"\(y(hi))\" stroke=\"#000\"/>"
                }
                svg += marker(index, px, py) + "\n"
            }
            let ly = top + 14 + Double(index) * 16
            svg += marker(index, width - right - 170, ly - 4) + "<text x=\"\(width - right - 160)\" y=\"\(ly)\" font-size=\"12\">\(escape(survey))</text>\n"
        }
        svg += "</svg>\n"
        return svg + "<p class=\"note\">Points are weighted estimates; bars are 95 % confidence intervals (Wilson, with the effective sample size). Estimates on fewer than \(Dashboard.minimumBase) interviews are not drawn.</p>\n"
    }

    static func marker(_ index: Int, _ x: Double, _ y: Double) -> String {
        index % 2 == 0
            ? "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4.5\" fill=\"#1f4e8c\" stroke=\"#000\"/>"
            : "<rect x=\"\(x - 4.5)\" y=\"\(y - 4.5)\" width=\"9\" height=\"9\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"/>"
    }

    static func headlineTable(_ d: Dashboard) -> String {
        var out = "<table><tr><th>Quarter</th><th>Survey</th><th>Estimate</th><th>95 % interval</th><th>Interviews</th><th>Weighted base</th></tr>\n"
        for f in d.headline.sorted(by: { ($0.quarter, $0.survey) < ($1.quarter, $1.survey) }) { out += row(f, first: f.quarter, second: f.survey) }
        return out + "</table>\n"
    }

    static func groupTables(_ d: Dashboard) -> String {
        let groups = d.figures.filter { $0.group != "all" }
        guard !groups.isEmpty else { return "" }
        var out = "<h2>Latest quarter by borough and group</h2>\n"
        for survey in Array(Set(groups.map(\.survey))).sorted() {
            let rows = groups.filter { $0.survey == survey }
            guard let quarter = rows.first?.quarter else { continue }
            out += "<h3>\(escape(survey)), \(escape(quarter))</h3>\n<table><tr><th>Group</th><th>Estimate</th><th>95 % interval</th><th>Interviews</th><th>Weighted base</th></tr>\n"
            for f in rows { out += row(f, first: f.group, second: nil) }
            out += "</table>\n"
        }
        return out + "<p class=\"note\">— : fewer than \(Dashboard.minimumBase) interviews, not published.</p>\n"
    }

    static func row(_ f: Dashboard.Figure, first: String, second: String?) -> String {
        let p = f.proportion
        var cells = "<td>\(escape(first))</td>" + (second.map { "<td>\(escape($0))</td>" } ?? "")
        if f.suppressed || p.estimate == nil {
            cells += "<td class=\"suppressed\">—</td><td class=\"suppressed\">—</td>"
        } else {
            cells += "<td>\(percent(p.estimate!))</td><td>\(percent(p.low!))–\(percent(p.high!))</td>"
        }
        cells += "<td>\(p.base)</td><td>\(DecimalText.fixed(p.weightedBase, places: 1))</td>"
        return "<tr>\(cells)</tr>\n"
    }

    static func referrals(_ d: Dashboard) -> String {
        var out = "<h2>Action Fraud referrals and their outcomes</h2>\n<table><tr><th>Quarter</th><th>Referrals</th><th>Disseminated to forces</th><th>Positive outcomes</th><th>Other outcomes</th><th>Positive share</th></tr>\n"
        for q in d.referrals {
            out += "<tr><td>\(escape(q.quarter))</td><td>\(q.referrals)</td><td>\(q.disseminated)</td><td>\(q.positiveOutcomes)</td><td>\(q.otherOutcomes)</td><td>\(q.positiveShare.map(percent) ?? "n/a")</td></tr>\n"
        }
        out += "</table>\n"
        if !d.indicators.isEmpty {
            out += "<h3>Performance indicators</h3>\n<table><tr><th>Quarter</th>" + d.indicators.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            for q in d.referrals {
                out += "<tr><td>\(escape(q.quarter))</td>" + d.indicators.map { "<td>\(q.indicators[$0].map { DecimalText.significant($0, digits: 6) } ?? "")</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
        }
        return out + "<p class=\"note\">Positive outcomes: charge or summons, cautions, offences taken into consideration, penalty notices and community resolutions; the share is of all recorded outcomes.</p>\n"
    }

    static func methods(_ d: Dashboard) -> String {
        """
        <h2>How the figures are made</h2>
        <p class="note">The measure is each questionnaire's <code>\(DashboardSurvey.measure)</code> variable over completed interviews, by the quarter in which the interview ended. Estimates are weighted with the survey's weights (<code>fieldwork weight</code>) where they exist; a survey without weights is marked unweighted. The 95 % interval is Wilson's score interval computed with Kish's effective sample size (Σw)²/Σw² in place of the number of interviews. Figures on fewer than \(Dashboard.minimumBase) interviews are suppressed. Every figure is also in the CSV beside this page.</p>

        """
    }

    static func percent(_ x: Double) -> String { DecimalText.percent(x * 100) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
