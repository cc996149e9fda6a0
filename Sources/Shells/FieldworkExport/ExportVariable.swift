/// One column of an exported dataset, described well enough that SPSS and Stata users see a
/// labelled variable rather than a bare column of numbers.
public struct ExportVariable: Sendable, Equatable {
    /// The variable name as analysts type it in syntax; checked by `VariableNameRules` per format.
    public var name: String
    /// The variable label (usually the question text); cut to each format's limit on write.
    public var label: String
    public var kind: ExportVariableKind
    /// Code frame labels for substantive codes (numeric variables only).
    public var valueLabels: [ValueLabel]
    /// Codes that mean "no substantive answer" (don't know, refused), numeric variables only.
    public var missing: [MissingCode]
    /// Display width of a plain numeric variable in .sav/.dta (`NumericDisplayWidth`); nil lets
    /// the writer choose from the decimals alone.
    public var displayWidth: Int?

    public init(name: String, label: String, kind: ExportVariableKind,
                valueLabels: [ValueLabel] = [], missing: [MissingCode] = [], displayWidth: Int? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.valueLabels = valueLabels
        self.missing = missing
        self.displayWidth = displayWidth
    }

    /// The declared missing code whose value is `code`, if any.
    public func missingCode(_ code: Double) -> MissingCode? {
        missing.first { $0.code == code }
    }
}

/// Storage of a variable. String widths are in UTF-8 bytes because that is what .sav and .dta
/// count; `nil` asks the writer to measure the data in its counting pass.
public enum ExportVariableKind: Sendable, Equatable {
    case numeric(decimals: Int)
    case string(maxBytes: Int?)
    /// A calendar date: a real date variable in .sav (SPSS SDATE10) and .dta (Stata %td), so
    /// analysts can subtract and sort dates; `YYYY-MM-DD` text in CSV. Cells are `.date`.
    case date
    /// An instant (UTC, whole seconds): .sav DATETIME20 seconds since 1582, .dta `%tc`
    /// milliseconds since 1960, `2026-01-05T09:30:00Z` text in CSV. Cells are `.dateTime`.
    case dateTime

    /// Stored as numbers (plain numbers, dates or date-times): such variables may declare missing codes and
    /// carry value labels; text variables cannot.
    public var isNumeric: Bool {
        switch self {
        case .numeric, .date, .dateTime: return true
        case .string: return false
        }
    }

    public var isDate: Bool {
        self == .date
    }

    public var isDateTime: Bool {
        self == .dateTime
    }
}

/// A code and its label, as in a questionnaire's code frame.
public struct ValueLabel: Sendable, Equatable {
    public var code: Double
    public var label: String

    public init(_ code: Double, _ label: String) {
        self.code = code
        self.label = label
    }
}

/// A non-substantive answer code. SPSS keeps `code` and declares it user-missing; Stata has no
/// user-missing values, so the cell becomes the tagged missing value `.<stataTag>`.
public struct MissingCode: Sendable, Equatable {
    public var code: Double
    public var label: String
    /// A lowercase letter a–z: Stata's extended missing value `.a` … `.z`.
    public var stataTag: Character

    public init(code: Double, label: String, stataTag: Character) {
        self.code = code
        self.label = label
        self.stataTag = stataTag
    }

    /// The conventional don't-know code used across Fieldwork exports.
    public static let dontKnow = MissingCode(code: -1, label: "Don't know", stataTag: "a")
    /// The conventional refused code used across Fieldwork exports.
    public static let refused = MissingCode(code: -2, label: "Refused", stataTag: "b")
}
