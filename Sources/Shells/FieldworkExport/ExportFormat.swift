/// The file formats analysts receive.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// SPSS system file, written with ReadStat.
    case sav
    /// Stata 14+ (format 118, UTF-8) file, written with ReadStat.
    case dta
    /// RFC 4180 CSV plus `<name>.labels.csv` and `<name>.variables.csv` alongside.
    case csv

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }
}
