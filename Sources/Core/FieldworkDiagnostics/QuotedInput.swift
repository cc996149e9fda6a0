/// Text from a questionnaire or scenario as a diagnostic message quotes it: in double quotes and
/// cut to its first `limit` characters followed by `…`, so a 50 MB key is reported by its start
/// instead of being echoed whole. Characters are Swift `Character`s (grapheme clusters), so a cut
/// never splits an accented letter or an emoji. Making the text safe for a terminal is the printing
/// side's job, not this one's.
public enum QuotedInput {
    /// Characters of input a message quotes before cutting.
    public static let limit = 80

    /// `"text"`, cut as described.
    public static func quoted<S: StringProtocol>(_ text: S) -> String {
        "\"" + bounded(text) + "\""
    }

    /// The text itself, cut to `limit` characters plus `…` when longer.
    public static func bounded<S: StringProtocol>(_ text: S) -> String {
        var end = text.startIndex
        var count = 0
        while end < text.endIndex {
            if count == limit { return String(text[..<end]) + "…" }
            end = text.index(after: end)
            count += 1
        }
        return String(text)
    }
}
