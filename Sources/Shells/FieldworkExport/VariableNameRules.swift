import FieldworkChecker
import Foundation

/// Which variable names each format accepts (SPSS and Stata rules are the checker's own
/// `ExportNameRules`). Checked before anything is written, because ReadStat only notices a bad name
/// at the first row, after the file header has gone out.
public enum VariableNameRules {
    /// Why `name` cannot be a variable name in `format`, or nil if it can.
    public static func problems(name: String, format: ExportFormat) -> String? {
        if name.isEmpty { return "a variable has an empty name" }
        switch format {
        case .sav: return ExportNameRules.problem(with: name, in: .spss).map { "\(name): \($0)" }
        case .dta: return ExportNameRules.problem(with: name, in: .stata).map { "\(name): \($0)" }
        case .csv: return csvProblem(name)
        }
    }

    /// Names that collide with an earlier name: case-insensitively for SPSS (which folds case),
    /// exactly for Stata and CSV. Each repeated name is reported once, in first-seen order.
    public static func duplicates(names: [String], format: ExportFormat) -> [String] {
        var seen = Set<String>()
        var reported = Set<String>()
        var result: [String] = []
        for name in names {
            let key = format == .sav ? name.uppercased() : name
            if !seen.insert(key).inserted, reported.insert(key).inserted {
                result.append(name)
            }
        }
        return result
    }

    /// CSV accepts any text, but a header that breaks lines or hides in spaces helps nobody.
    private static func csvProblem(_ name: String) -> String? {
        if name.contains(where: { $0 == "\n" || $0 == "\r" }) {
            return "\(name): a line break in a column name"
        }
        if name.trimmingCharacters(in: .whitespaces) != name {
            return "\"\(name)\": leading or trailing spaces in a column name"
        }
        return nil
    }
}
