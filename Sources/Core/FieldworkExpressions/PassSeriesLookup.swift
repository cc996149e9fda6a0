/// The caller's answer to "is this name a loop's value, one value per pass, from here?".
public enum PassSeriesLookup: Sendable {
    case found(PassSeriesInfo)
    /// The name is not in a loop one level deeper than here (it may still be an ordinary value).
    case notASeries
    /// The name is in a loop but cannot be combined over its passes here; the message says why
    /// and what to write instead.
    case invalid(String)
}
