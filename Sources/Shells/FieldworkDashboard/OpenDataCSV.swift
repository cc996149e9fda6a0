import FieldworkBasics
import Foundation

/// The tidy CSV of every headline figure, for publication (London Datastore): one row per figure,
/// `quarter,survey,measure,group,estimate,ci_low,ci_high,unweighted_base,weighted_base,suppressed`.
/// Suppressed rows keep their bases but leave the estimate and interval empty.
public enum OpenDataCSV {
    public static let header = ["quarter", "survey", "measure", "group", "estimate", "ci_low", "ci_high",
                                "unweighted_base", "weighted_base", "suppressed"]

    public static func text(_ dashboard: Dashboard) -> String {
        var lines = [header.joined(separator: ",")]
        for f in dashboard.figures {
            let p = f.proportion
            func number(_ x: Double?) -> String { f.suppressed ? "" : x.map { DecimalText.fixed($0, places: 6) } ?? "" }
            lines.append([f.quarter, f.survey, f.measure, f.group, number(p.estimate), number(p.low), number(p.high),
                          String(p.base), DecimalText.fixed(p.weightedBase, places: 4), f.suppressed ? "true" : "false"]
                .map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting; text that would start a spreadsheet formula is prefixed with a quote.
    static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@".contains(first), Double(v) == nil { v = "'" + v }
        if v.contains(",") || v.contains("\"") || v.contains("\n") { return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return v
    }
}
