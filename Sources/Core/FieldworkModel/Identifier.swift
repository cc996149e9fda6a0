/// Names that become variable names must be valid in SPSS, Stata and the expression language.
public enum Identifier {
    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= 32 else { return false }
        guard (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") else { return false }
        return scalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_"
        }
    }
}
