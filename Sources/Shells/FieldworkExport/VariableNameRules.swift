import Foundation

/// Which variable names each format accepts. Checked before anything is written, because ReadStat
/// only notices a bad name at the first row, after the file header has gone out.
public enum VariableNameRules {
    /// SPSS reserves these as syntax keywords (compared case-insensitively).
    static let spssReserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]

    /// Stata reserves these (compared case-sensitively, as Stata does); `str1`…`str2045` too.
    static let stataReserved: Set<String> = [
        "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
        "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
    ]

    static let spssMaxBytes = 64
    static let stataMaxCharacters = 32

    /// Why `name` cannot be a variable name in `format`, or nil if it can.
    public static func problems(name: String, format: ExportFormat) -> String? {
        if name.isEmpty { return "a variable has an empty name" }
        switch format {
        case .sav: return spssProblem(name)
        case .dta: return stataProblem(name)
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

    private static func isASCIILetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 65 && a <= 90) || (a >= 97 && a <= 122)
    }

    private static func isASCIIDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    private static func spssProblem(_ name: String) -> String? {
        if name.utf8.count > spssMaxBytes {
            return "\(name): \(name.utf8.count) bytes; SPSS names are at most \(spssMaxBytes) bytes"
        }
        guard let first = name.first, isASCIILetter(first) || first == "@" else {
            return "\(name): SPSS names start with a letter or @"
        }
        let allowed: Set<Character> = ["@", ".", "_", "$", "#"]
        if let bad = name.first(where: { !(isASCIILetter($0) || isASCIIDigit($0) || allowed.contains($0)) }) {
            return "\(name): SPSS names may contain only letters, digits and @ . _ $ # (found \"\(bad)\")"
        }
        if name.hasSuffix(".") {
            return "\(name): SPSS names may not end with a full stop"
        }
        if spssReserved.contains(name.uppercased()) {
            return "\(name): a reserved word in SPSS"
        }
        return nil
    }

    private static func stataProblem(_ name: String) -> String? {
        if name.count > stataMaxCharacters {
            return "\(name): \(name.count) characters; Stata names are at most \(stataMaxCharacters)"
        }
        guard let first = name.first, isASCIILetter(first) || first == "_" else {
            return "\(name): Stata names start with a letter or _"
        }
        if let bad = name.first(where: { !(isASCIILetter($0) || isASCIIDigit($0) || $0 == "_") }) {
            return "\(name): Stata names may contain only letters, digits and _ (found \"\(bad)\")"
        }
        if stataReserved.contains(name) || isStataStringTypeName(name) {
            return "\(name): a reserved word in Stata"
        }
        return nil
    }

    /// `str1` … `str2045` name string types in Stata.
    private static func isStataStringTypeName(_ name: String) -> Bool {
        guard name.hasPrefix("str") else { return false }
        let digits = name.dropFirst(3)
        return !digits.isEmpty && digits.allSatisfy(isASCIIDigit)
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
