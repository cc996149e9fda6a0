import FieldworkBasics
import ArgumentParser
import FieldworkExport
import FieldworkTestSupport
import Foundation

/// Writes fixed datasets in every export format so outside readers (pandas, R, PSPP) can be
/// pointed at them by the end-to-end tests (`fieldwork-testkit export-selftest --out DIR`).
struct ExportSelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-selftest",
        abstract: "Write the export self-test datasets (.sav, .dta, .csv) into a directory."
    )

    @Option(name: .long, help: "Directory to write into (created if missing).")
    var out: String

    @Flag(name: .long, help: "Replace files that already exist.")
    var force = false

    @Option(name: .long, help: "Instead, write this many generated rows as synthetic.{sav,dta,csv} and time each (benchmark).")
    var syntheticRows: Int?

    func run() throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let syntheticRows {
            guard syntheticRows >= 0 else { throw ValidationError("--synthetic-rows must be 0 or more") }
            try writeSynthetic(rows: syntheticRows, into: directory)
            return
        }
        for format in ExportFormat.allCases {
            let summary = try ExportWriter.write(
                schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource, format: format,
                to: directory.appendingPathComponent("selftest.\(format.fileExtension)"), overwrite: force)
            report(summary)
        }
        for format in ExportFormat.allCases {
            let summary = try ExportWriter.write(
                schema: ExportDateSample.schema, rows: ExportDateSample.rowSource, format: format,
                to: directory.appendingPathComponent("dates.\(format.fileExtension)"), overwrite: force)
            report(summary)
        }
        for format in [ExportFormat.sav, .dta] {
            let summary = try ExportWriter.write(
                schema: ExportLongTextSample.schema, rows: ExportLongTextSample.rowSource, format: format,
                to: directory.appendingPathComponent("longtext.\(format.fileExtension)"), overwrite: force)
            report(summary)
        }
    }

    private func writeSynthetic(rows: Int, into directory: URL) throws {
        let source = SyntheticRowSource(count: rows)
        for format in ExportFormat.allCases {
            let clock = ContinuousClock()
            var summary: ExportSummary?
            let elapsed = try clock.measure {
                summary = try ExportWriter.write(
                    schema: SyntheticRowSource.schema, rows: source, format: format,
                    to: directory.appendingPathComponent("synthetic.\(format.fileExtension)"), overwrite: force)
            }
            if let summary { report(summary) }
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("  .\(format.rawValue): \(DecimalText.fixed(seconds, places: 3)) s, \(seconds > 0 ? Int(Double(rows) / seconds) : 0) rows/s")
        }
    }

    private func report(_ summary: ExportSummary) {
        print("wrote \(summary.files.map(\.lastPathComponent).joined(separator: ", ")): \(summary.rowCount) rows, \(summary.variableCount) variables")
        for warning in summary.warnings {
            print("  warning: \(warning)")
        }
    }
}
