import FieldworkBasics
import FieldworkExpressions

/// ISO dates (YYYY-MM-DD) as used in questionnaires and answers, as day numbers.
public enum DateText {
    /// Days since 1970-01-01 for a valid date, nil otherwise.
    public static func dayNumber(_ text: String) -> Int? { CivilDate(parsing: text)?.daysSinceEpoch }

    public static func isValid(_ text: String) -> Bool { CivilDate(parsing: text) != nil }

    public static func text(dayNumber n: Int) -> String { CivilDate(daysSinceEpoch: n).description }
}
