/// The variable-name rules of the statistics packages we export to, checked before fieldwork so an
/// analyst never meets a name the package rejects.
public enum ExportNameRules {
    public enum Package: String, Sendable, CaseIterable { case spss = "SPSS", stata = "Stata" }

    static let spssReserved: Set<String> = ["ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"]
    static let stataReserved: Set<String> = ["_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int",
                                             "long", "_n", "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
                                             "str", "_merge"]

    /// Why `name` is not a valid variable name in `package`, or nil when it is.
    public static func problem(with name: String, in package: Package) -> String? {
        switch package {
        case .spss:
            if name.utf8.count > 64 { return "longer than SPSS's 64 bytes" }
            guard let first = name.unicodeScalars.first else { return "empty" }
            if !(isLetter(first) || first == "@") { return "SPSS names must start with a letter or @" }
            if !name.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) || "@._$#".unicodeScalars.contains($0) }) {
                return "SPSS names may contain only letters, digits and @ . _ $ #"
            }
            if name.hasSuffix(".") { return "SPSS names must not end with a full stop" }
            if spssReserved.contains(name.uppercased()) { return "\(name) is a reserved word in SPSS" }
            return nil
        case .stata:
            if name.count > 32 { return "longer than Stata's 32 characters" }
            guard let first = name.unicodeScalars.first else { return "empty" }
            if !(isLetter(first) || first == "_") { return "Stata names must start with a letter or _" }
            if !name.unicodeScalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" }) {
                return "Stata names may contain only letters, digits and _"
            }
            if stataReserved.contains(name) { return "\(name) is a reserved word in Stata" }
            return nil
        }
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool { (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
}
