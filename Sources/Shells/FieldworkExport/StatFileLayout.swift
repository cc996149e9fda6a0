import FieldworkBasics
import FieldworkExpressions

/// A schema fitted to one statistical format's limits: labels cut at character boundaries,
/// string widths chosen, unsupported value labels dropped, each compromise noted as a warning.
struct StatFileLayout {
    enum Storage: Equatable {
        case numeric(decimals: Int)
        /// A Stata whole-number type (byte, int or long) holding every value of the column.
        case whole(StataWholeNumber, decimals: Int)
        /// A double counted from the format's date origin, with its date display format.
        case date
        /// A double on the format's clock (SPSS seconds since 1582, Stata ms since 1960).
        case dateTime
        /// Fixed-width text, `width` in UTF-8 bytes.
        case string(width: Int)
        /// Stata strL, for text longer than 2,045 bytes.
        case stringReference
    }

    struct Column {
        var variable: ExportVariable
        var label: String
        var storage: Storage
        /// Substantive value labels that the format can hold, labels already cut.
        var valueLabels: [ValueLabel]
        /// Missing codes with labels already cut.
        var missing: [MissingCode]
        /// Text longer than this many bytes is cut at a character boundary.
        var textLimit: Int?
    }

    /// SPSS's longest string (a "very long string", stored in 255-byte segments).
    static let savMaxStringBytes = 32_767
    static let savMaxVariableLabelBytes = 255
    static let savMaxValueLabelBytes = 120
    static let savMaxFileLabelBytes = 64
    static let dtaMaxStringBytes = 2045
    static let dtaMaxVariableLabelCharacters = 80
    static let dtaMaxFileLabelCharacters = 80
    /// Stata 118 stores up to 4 bytes per character in its fixed 80-character label fields.
    static let dtaMaxLabelBytes = 320
    static let dtaMaxValueLabelBytes = 32_000

    var format: ExportFormat
    var columns: [Column]
    var fileLabel: String
    var warnings: [String]
    var multipleResponseSets: [MultipleResponseSet]

    init(schema: ExportSchema, measurement: DataMeasurement, format: ExportFormat) {
        precondition(format != .csv, "CSV has no layout limits")
        self.format = format
        multipleResponseSets = schema.multipleResponseSets
        var warnings: [String] = []
        let isSAV = format == .sav

        let fileLabel = isSAV
            ? UTF8Cut.prefix(schema.fileLabel, maxBytes: Self.savMaxFileLabelBytes)
            : UTF8Cut.prefix(schema.fileLabel, maxScalars: Self.dtaMaxFileLabelCharacters, maxBytes: Self.dtaMaxLabelBytes)
        if fileLabel != schema.fileLabel {
            warnings.append("file label cut to \"\(fileLabel)\"")
        }
        self.fileLabel = fileLabel

        columns = schema.variables.enumerated().map { index, variable in
            let label = isSAV
                ? UTF8Cut.prefix(variable.label, maxBytes: Self.savMaxVariableLabelBytes)
                : UTF8Cut.prefix(variable.label, maxScalars: Self.dtaMaxVariableLabelCharacters, maxBytes: Self.dtaMaxLabelBytes)
            if label != variable.label {
                let limit = isSAV ? "\(Self.savMaxVariableLabelBytes) bytes" : "\(Self.dtaMaxVariableLabelCharacters) characters"
                warnings.append("\(variable.name): variable label cut to \(limit)")
            }
            let maxValueLabelBytes = isSAV ? Self.savMaxValueLabelBytes : Self.dtaMaxValueLabelBytes
            func cut(_ text: String, code: Double) -> String {
                let result = UTF8Cut.prefix(text, maxBytes: maxValueLabelBytes)
                if result != text {
                    warnings.append("\(variable.name): label of code \(DecimalText.shortest(code)) cut to \(maxValueLabelBytes) bytes")
                }
                return result
            }
            let missingCodes = Set(variable.missing.map(\.code))
            var valueLabels: [ValueLabel] = []
            for valueLabel in variable.valueLabels where !missingCodes.contains(valueLabel.code) {
                if !isSAV && !Self.isInt32(valueLabel.code) {
                    warnings.append("\(variable.name): code \(DecimalText.shortest(valueLabel.code)) is not a whole number in Stata's range; its value label is left out of the .dta")
                    continue
                }
                valueLabels.append(ValueLabel(valueLabel.code, cut(valueLabel.label, code: valueLabel.code)))
            }
            let missing = variable.missing.map {
                MissingCode(code: $0.code, label: cut($0.label, code: $0.code), stataTag: $0.stataTag)
            }

            var storage: Storage
            var textLimit: Int?
            switch variable.kind {
            case let .numeric(decimals):
                storage = .numeric(decimals: decimals)
                let range = measurement.numberRanges[index] ?? Self.emptyRange
                if !isSAV, range.wholeNumbers, let type = StataWholeNumber.smallest(holding: range.lowest...range.highest) {
                    storage = .whole(type, decimals: decimals)
                }
            case .date:
                storage = .date
            case .dateTime:
                storage = .dateTime
            case .string:
                // Sized to the data: the longest value (which the question's maximum bounds).
                let wanted = max(1, measurement.measuredBytes[index] ?? 1)
                if isSAV {
                    let width = min(wanted, Self.savMaxStringBytes)
                    if wanted > width {
                        warnings.append("\(variable.name): text longer than \(Self.savMaxStringBytes) bytes is cut in the .sav (longest is \(wanted) bytes); the .csv and .dta keep it whole")
                    }
                    storage = .string(width: width)
                    textLimit = width
                } else if wanted > Self.dtaMaxStringBytes {
                    storage = .stringReference
                } else {
                    storage = .string(width: wanted)
                    textLimit = wanted
                }
            }
            return Column(variable: variable, label: label, storage: storage,
                          valueLabels: valueLabels, missing: missing, textLimit: textLimit)
        }
        self.warnings = warnings
    }

    /// A column that holds no number at all (every cell missing) takes Stata's smallest type.
    static let emptyRange = DataMeasurement.NumberRange(lowest: 0, highest: 0, wholeNumbers: true)

    static func isInt32(_ value: Double) -> Bool {
        value == value.rounded() && value >= Double(Int32.min) && value <= Double(Int32.max)
    }
}
