/// The variable-name rules of the statistics packages we export to. The checker applies them before
/// fieldwork and the exporters again before writing, so an analyst never meets a name the package
/// rejects. One set of rules serves both.
public enum ExportNameRules {
    public enum Package: String, Sendable, CaseIterable { case spss = "SPSS", stata = "Stata" }

    /// SPSS syntax keywords (compared case-insensitively).
    public static let spssReserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
    /// Stata's reserved names (case-sensitive, as Stata is); `str1`…`str2045` too.
    public static let stataReserved: Set<String> = [
        "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long",
        "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
    ]
    public static let spssMaxBytes = 64
    public static let stataMaxCharacters = 32

    /// Why `name` is not a valid variable name in `package`, or nil when it is.
    public static func problem(with name: String, in package: Package) -> String? {
        if name.isEmpty { return "the name is empty" }
        switch package {
        case .spss: return spssProblem(name)
        case .stata: return stataProblem(name)
        }
    }

    static func isLetter(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 65 && a <= 90) || (a >= 97 && a <= 122)
    }

    static func isDigit(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    static func spssProblem(_ name: String) -> String? {
        if name.utf8.count > spssMaxBytes { return "\(name.utf8.count) bytes; SPSS names are at most \(spssMaxBytes) bytes" }
        guard let first = name.first, isLetter(first) || first == "@" else { return "SPSS names start with a letter or @" }
        let allowed: Set<Character> = ["@", ".", "_", "$", "#"]
        if let bad = name.first(where: { !(isLetter($0) || isDigit($0) || allowed.contains($0)) }) {
            return "SPSS names may contain only letters, digits and @ . _ $ # (found \"\(bad)\")"
        }
        if name.hasSuffix(".") { return "SPSS names may not end with a full stop" }
        if spssReserved.contains(name.uppercased()) { return "a reserved word in SPSS" }
        return nil
    }

    static func stataProblem(_ name: String) -> String? {
        if name.count > stataMaxCharacters { return "\(name.count) characters; Stata names are at most \(stataMaxCharacters)" }
        guard let first = name.first, isLetter(first) || first == "_" else { return "Stata names start with a letter or _" }
        if let bad = name.first(where: { !(isLetter($0) || isDigit($0) || $0 == "_") }) {
            return "Stata names may contain only letters, digits and _ (found \"\(bad)\")"
        }
        if stataReserved.contains(name) || isStringTypeName(name) { return "a reserved word in Stata" }
        return nil
    }

    /// `str1` … `str2045` name string types in Stata.
    static func isStringTypeName(_ name: String) -> Bool {
        guard name.hasPrefix("str") else { return false }
        let digits = name.dropFirst(3)
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }
}
