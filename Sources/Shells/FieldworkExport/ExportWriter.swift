import Foundation

/// The one entry point for writing a dataset: checks the schema against the format, counts the
/// rows, streams them into a temporary file and moves it into place. Memory stays flat as rows
/// grow, except for Stata strL columns (text over 2,045 bytes), which ReadStat holds until the end.
/// .sav and .dta rows are produced once into a temporary spool (`RowSpool`) and measured, so every
/// column is stored as small as its data allows.
public enum ExportWriter {
    /// Writes `rows` described by `schema` to `url` in `format`. Throws before writing anything if
    /// the schema does not fit the format or the target exists without `overwrite`.
    @discardableResult
    /// `access` is `.ownerOnly` for data holding personal fields (identifier sample fields); the CSV
    /// companions (labels, dictionary) hold none and follow the umask. A FIFO, character device or
    /// standard output receives the data file alone (see `ExportTarget`). `csvText` says how CSV text
    /// cells are escaped (formula prefix, visible controls); .sav and .dta ignore it.
    public static func write(schema: ExportSchema, rows: some ExportRowSource, format: ExportFormat,
                             to url: URL, overwrite: Bool, access: AtomicFile.Access = .shared,
                             csvText: CSVTextEscaping = .standard) throws -> ExportSummary {
        let problems = SchemaCheck.problems(in: schema, format: format)
        guard problems.isEmpty else {
            throw ExportError.invalidSchema(format: format, problems: problems)
        }
        switch format {
        case .csv:
            return try writeCSV(schema: schema, rows: rows, to: url, overwrite: overwrite, access: access, textEscaping: csvText)
        case .sav, .dta:
            try AtomicFile.checkTarget(url, overwrite: overwrite)
            // One pass produces the rows into a spool and measures them; the file is written from the spool.
            let (spool, measurement) = try RowSpool.spool(rows, schema: schema)
            let layout = StatFileLayout(schema: schema, measurement: measurement, format: format)
            var writer = ReadStatFileWriter(layout: layout, rowCount: measurement.rowCount)
            let truncations = try AtomicFile.write(to: url, overwrite: overwrite, access: access) { sink in
                try writer.write(rows: spool, to: sink)
            }
            return ExportSummary(format: format, files: [url], rowCount: measurement.rowCount,
                                 variableCount: schema.variables.count, warnings: layout.warnings + truncations)
        }
    }

    private static func writeCSV(schema: ExportSchema, rows: some ExportRowSource, to url: URL,
                                 overwrite: Bool, access: AtomicFile.Access, textEscaping: CSVTextEscaping) throws -> ExportSummary {
        if try ExportTarget.of(url, overwrite: overwrite).isStream {
            let count = try AtomicFile.write(to: url, overwrite: overwrite, access: access) { sink in
                try CSVExportWriter.writeData(schema: schema, rows: rows, textEscaping: textEscaping, to: sink)
            }
            return ExportSummary(format: .csv, files: [url], rowCount: count, variableCount: schema.variables.count,
                                 warnings: ["the labels and variables files were not written: the data went to \(ExportTarget.displayName(url)), a stream; export to a file to get them"])
        }
        let companions = CSVExportWriter.companionURLs(for: url)
        let base = url.deletingPathExtension()
        let spss = base.appendingPathExtension("sps")
        let stata = base.appendingPathExtension("do")
        for target in [url, companions.labels, companions.variables, spss, stata] {
            try AtomicFile.checkTarget(target, overwrite: overwrite)
        }
        let count = try AtomicFile.write(to: url, overwrite: overwrite, access: access) { sink in
            try CSVExportWriter.writeData(schema: schema, rows: rows, textEscaping: textEscaping, to: sink)
        }
        try AtomicFile.write(to: companions.labels, overwrite: overwrite) { sink in
            CSVExportWriter.writeValueLabels(schema: schema, to: sink)
        }
        try AtomicFile.write(to: companions.variables, overwrite: overwrite) { sink in
            CSVExportWriter.writeVariables(schema: schema, to: sink)
        }
        // Syntax that reads the CSV into SPSS/PSPP or Stata with its labels and missing values.
        try AtomicFile.write(to: spss, overwrite: overwrite) { sink in
            sink.append(CSVSyntaxFiles.spss(schema: schema, csvFileName: url.lastPathComponent))
        }
        try AtomicFile.write(to: stata, overwrite: overwrite) { sink in
            sink.append(CSVSyntaxFiles.stata(schema: schema, csvFileName: url.lastPathComponent))
        }
        return ExportSummary(format: .csv, files: [url, companions.labels, companions.variables, spss, stata],
                             rowCount: count, variableCount: schema.variables.count, warnings: [])
    }
}
