/// One value in a row, keeping apart the three kinds of "no number" analysts care about:
/// not asked (system-missing) versus a declared non-answer such as don't know or refused.
public enum ExportCell: Sendable, Equatable {
    case number(Double)
    case text(String)
    /// A calendar date in a `.date` variable, as days since 1970-01-01 (the engine's day number);
    /// each writer converts it to its format's own date origin (see `StatDate`).
    case date(dayNumber: Int)
    /// An instant in a `.dateTime` variable, as whole seconds since 1970-01-01 00:00:00 UTC;
    /// each writer converts it to its format's clock (see `StatDateTime`).
    case dateTime(unixSeconds: Int)
    /// Not asked / not applicable: SPSS sysmis `.`, Stata `.`, an empty CSV field.
    case systemMissing
    /// A declared non-answer; `code` must be one of the variable's `MissingCode`s.
    case missing(code: Double)
}
