import FieldworkModel

/// Dates in answers, as day numbers; shares the questionnaire's calendar arithmetic.
public enum DateValue {
    public static func dayNumber(_ text: String) -> Int? { DateText.dayNumber(text) }
    public static func text(dayNumber n: Int) -> String { DateText.text(dayNumber: n) }
}
