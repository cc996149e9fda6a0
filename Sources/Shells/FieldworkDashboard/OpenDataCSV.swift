import FieldworkBasics
import FieldworkExport
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

    /// RFC 4180 quoting after the exports' spreadsheet-safe escaping (`CSVTextEscaping.standard`:
    /// text that would start a formula, including with a tab or carriage return, gets a quote in
    /// front; control characters are written visibly). Group and indicator names come from
    /// questionnaires and the referrals file.
    static func field(_ value: String) -> String {
        let v = CSVTextEscaping.standard.text(value)
        if v.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
