import FieldworkExport
/// A small fixed dataset exercising everything analysts check in an export: labelled numeric
/// codes, don't-know and refused, system-missing, decimals, and awkward text (£, é, Zoë, quotes,
/// commas, line breaks). `fieldwork export-selftest` writes it so outside readers can be tested.
public enum ExportSampleDataset {
    public static let schema = ExportSchema(variables: [
        ExportVariable(name: "caseid", label: "Case identifier", kind: .numeric(decimals: 0)),
        ExportVariable(name: "sector", label: "Which sector is your business mainly in?",
                       kind: .numeric(decimals: 0),
                       valueLabels: [ValueLabel(1, "Retail"), ValueLabel(2, "Finance"), ValueLabel(3, "Café & hospitality")],
                       missing: [.dontKnow, .refused]),
        ExportVariable(name: "turnover", label: "Annual turnover (£m)", kind: .numeric(decimals: 2),
                       missing: [.dontKnow, .refused]),
        ExportVariable(name: "comment", label: "Any other comments? (Zoë's probe)", kind: .string(maxBytes: nil)),
    ], fileLabel: "Business Attitudes Survey – export self-test")

    public static let rows: [[ExportCell]] = [
        [.number(1), .number(1), .number(12.5), .text("Rent is £2,000 a month")],
        [.number(2), .number(3), .missing(code: -1), .text("Café owner said \"too dear\"")],
        [.number(3), .missing(code: -2), .missing(code: -2), .text("Line one\nline two, Zoë")],
        [.number(4), .missing(code: -1), .systemMissing, .systemMissing],
        [.number(5), .number(2), .number(0.25), .text("")],
    ]

    public static var rowSource: ArrayRowSource { ArrayRowSource(rows) }
}

/// Text beyond the formats' fixed-width limits: 3,003 bytes, kept whole as a Stata strL and cut
/// to 254 bytes (127 "£", never half of one) in the .sav.
public enum ExportLongTextSample {
    public static let longText = String(repeating: "£", count: 1500) + "end"

    public static let schema = ExportSchema(variables: [
        ExportVariable(name: "id", label: "Case identifier", kind: .numeric(decimals: 0)),
        ExportVariable(name: "essay", label: "Open answer", kind: .string(maxBytes: nil)),
    ], fileLabel: "Long text self-test")

    public static let rows: [[ExportCell]] = [
        [.number(1), .text(longText)],
        [.number(2), .text("short é")],
        [.number(3), .systemMissing],
    ]

    public static var rowSource: ArrayRowSource { ArrayRowSource(rows) }
}

/// A date question as each format stores it: dates on both sides of the formats' origins
/// (1960-01-01 is Stata's day 0), don't know, refused and not asked. Read back by the end-to-end
/// tests with PSPP, R, pandas and pyreadstat.
public enum ExportDateSample {
    public static let schema = ExportSchema(variables: [
        ExportVariable(name: "id", label: "Case identifier", kind: .numeric(decimals: 0)),
        ExportVariable(name: "incident", label: "Date of the most recent incident", kind: .date,
                       missing: [.dontKnow, .refused]),
    ], fileLabel: "Date self-test")

    /// 2026-11-30, 1970-01-01 and 1960-01-01 as days since 1970-01-01.
    public static let rows: [[ExportCell]] = [
        [.number(1), .date(dayNumber: 20_787)],
        [.number(2), .missing(code: -1)],
        [.number(3), .missing(code: -2)],
        [.number(4), .systemMissing],
        [.number(5), .date(dayNumber: 0)],
        [.number(6), .date(dayNumber: -3_653)],
    ]

    public static var rowSource: ArrayRowSource { ArrayRowSource(rows) }
}
