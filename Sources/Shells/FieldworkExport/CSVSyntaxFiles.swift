import FieldworkBasics
import FieldworkExpressions

/// The syntax files written beside a CSV export, so an analyst who receives the CSV can get a
/// labelled dataset without the .sav or .dta: `<base>.sps` for SPSS/PSPP and `<base>.do` for
/// Stata. Each reads the CSV (by its file name, from the working directory), gives every variable
/// its label, value labels and missing values, and makes dates and date-times real date variables.
enum CSVSyntaxFiles {
    // MARK: SPSS

    /// SPSS/PSPP syntax: `GET DATA` reads the CSV with every column's type; date and date-time
    /// columns are read as text and turned into date variables (their missing codes kept), then
    /// variable labels, value labels, missing values and formats are applied.
    static func spss(schema: ExportSchema, csvFileName: String) -> String {
        var out = "* Reads \(csvFileName) (written by fieldwork export) with its labels and missing values.\n"
        out += "* Run it from the directory holding the CSV, e.g. pspp \(csvFileName.replacingOccurrences(of: ".csv", with: ".sps")).\n\n"
        out += "GET DATA /TYPE=TXT /FILE=\(spssString(csvFileName)) /ENCODING='UTF8'\n"
        out += "  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=\",\" /QUALIFIER='\"'\n  /VARIABLES="
        for variable in schema.variables {
            out += "\n    \(variable.name) \(spssInputFormat(variable))"
        }
        out += ".\n\n"
        // Dates and date-times: from the CSV's text into SPSS's seconds since 1582-10-14.
        let dated = schema.variables.filter { $0.kind == .date || $0.kind == .dateTime }
        for (index, variable) in dated.enumerated() {
            let text = "fw_text\(index + 1)"
            out += "RENAME VARIABLES (\(variable.name) = \(text)).\n"
            out += "NUMERIC \(variable.name) (\(variable.kind == .date ? StatDate.spssFormat : StatDateTime.spssFormat)).\n"
            var value = "DATE.DMY(NUMBER(SUBSTR(\(text), 9, 2), F2.0), NUMBER(SUBSTR(\(text), 6, 2), F2.0), NUMBER(SUBSTR(\(text), 1, 4), F4.0))"
            if variable.kind == .dateTime {
                value += " + TIME.HMS(NUMBER(SUBSTR(\(text), 12, 2), F2.0), NUMBER(SUBSTR(\(text), 15, 2), F2.0), NUMBER(SUBSTR(\(text), 18, 2), F2.0))"
            }
            out += "DO IF LENGTH(RTRIM(\(text))) >= 10.\n  COMPUTE \(variable.name) = \(value).\n"
            for code in variable.missing {
                out += "ELSE IF RTRIM(\(text)) = \(spssString(DecimalText.shortest(code.code))).\n  COMPUTE \(variable.name) = \(DecimalText.shortest(code.code)).\n"
            }
            out += "END IF.\n"
        }
        if !dated.isEmpty {
            out += "MATCH FILES /FILE=* /KEEP=\(schema.variables.map(\.name).joined(separator: " ")).\n"
        }
        out += "\nVARIABLE LABELS"
        for (index, variable) in schema.variables.enumerated() {
            out += "\n  \(index == 0 ? "" : "/")\(variable.name) \(spssString(UTF8Cut.prefix(variable.label, maxBytes: 255)))"
        }
        out += ".\n"
        let labelled = schema.variables.filter { $0.kind.isNumeric && (!$0.valueLabels.isEmpty || !$0.missing.isEmpty) }
        if !labelled.isEmpty {
            out += "\nVALUE LABELS"
            for (index, variable) in labelled.enumerated() {
                out += "\n  \(index == 0 ? "" : "/")\(variable.name)"
                for label in variable.valueLabels where variable.missingCode(label.code) == nil {
                    out += "\n    \(DecimalText.shortest(label.code)) \(spssString(UTF8Cut.prefix(label.label, maxBytes: 120)))"
                }
                for code in variable.missing {
                    out += "\n    \(DecimalText.shortest(code.code)) \(spssString(UTF8Cut.prefix(code.label, maxBytes: 120)))"
                }
            }
            out += ".\n"
        }
        let withMissing = schema.variables.filter { $0.kind.isNumeric && !$0.missing.isEmpty }
        if !withMissing.isEmpty {
            out += "\nMISSING VALUES"
            for (index, variable) in withMissing.enumerated() {
                let codes = variable.missing.prefix(3).map { DecimalText.shortest($0.code) }.joined(separator: ", ")
                out += "\n  \(index == 0 ? "" : "/")\(variable.name) (\(codes))"
            }
            out += ".\n"
        }
        out += "EXECUTE.\n"
        return out
    }

    static func spssInputFormat(_ variable: ExportVariable) -> String {
        switch variable.kind {
        case let .numeric(decimals):
            let width = max(variable.displayWidth ?? 0, NumericDisplayWidth.minimum, decimals + 3)
            return "F\(min(40, width)).\(decimals)"
        case let .string(maxBytes):
            return "A\(min(32_767, max(1, maxBytes ?? 255)))"
        case .date: return "A10"
        case .dateTime: return "A20"
        }
    }

    /// A quoted SPSS string: single quotes, doubled inside; line breaks folded to spaces.
    static func spssString(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "'" + flat.replacingOccurrences(of: "'", with: "''") + "'"
    }

    // MARK: Stata

    /// Stata syntax: `import delimited` with text columns kept as text, the codes of don't know,
    /// refused and the extra codes turned into their tagged missing values (`.a`, `.b` …, as in
    /// the .dta), dates and date-times converted to `%td`/`%tc`, then labels and value labels.
    static func stata(schema: ExportSchema, csvFileName: String) -> String {
        var out = "* Reads \(csvFileName) (written by fieldwork export) with its labels and missing values.\n"
        out += "* Run it from the directory holding the CSV: do \(csvFileName.replacingOccurrences(of: ".csv", with: ".do"))\n\n"
        let textColumns = schema.variables.indices.filter { !schema.variables[$0].kind.isNumeric || schema.variables[$0].kind.isDate || schema.variables[$0].kind.isDateTime }
        out += "import delimited using \(stataString(csvFileName)), varnames(1) case(preserve) encoding(\"utf-8\") bindquote(strict) maxquotedrows(unlimited)"
        if !textColumns.isEmpty {
            out += " stringcols(\(textColumns.map { String($0 + 1) }.joined(separator: " ")))"
        }
        out += " clear\n\n"
        for variable in schema.variables {
            let name = variable.name
            switch variable.kind {
            case .date, .dateTime:
                let isDate = variable.kind == .date
                out += "generate double fw_value = \(isDate ? "date(\(name), \"YMD\")" : "clock(subinstr(subinstr(\(name), \"T\", \" \", 1), \"Z\", \"\", 1), \"YMDhms\")")\n"
                for code in variable.missing {
                    out += "replace fw_value = .\(code.stataTag) if \(name) == \(stataString(DecimalText.shortest(code.code)))\n"
                }
                out += "drop \(name)\nrename fw_value \(name)\nformat \(name) \(isDate ? StatDate.stataFormat : StatDateTime.stataFormat)\n"
            case .numeric:
                for code in variable.missing {
                    out += "replace \(name) = .\(code.stataTag) if \(name) == \(DecimalText.shortest(code.code))\n"
                }
            case .string:
                break
            }
        }
        out += "order \(schema.variables.map(\.name).joined(separator: " "))\n\n"
        for variable in schema.variables {
            out += "label variable \(variable.name) \(stataString(UTF8Cut.prefix(variable.label, maxScalars: 80, maxBytes: 320)))\n"
        }
        for variable in schema.variables where variable.kind.isNumeric && (!variable.valueLabels.isEmpty || !variable.missing.isEmpty) {
            var define = "label define \(variable.name)"
            for label in variable.valueLabels where variable.missingCode(label.code) == nil && StatFileLayout.isInt32(label.code) {
                define += " \(DecimalText.shortest(label.code)) \(stataString(label.label))"
            }
            for code in variable.missing { define += " .\(code.stataTag) \(stataString(code.label))" }
            out += define + ", replace\nlabel values \(variable.name) \(variable.name)\n"
        }
        return out
    }

    /// A Stata compound-quoted string, which may hold double quotes: `"He said "no""'.
    static func stataString(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "`\"" + flat + "\"'"
    }
}
