import ArgumentParser
import FieldworkExport
import Foundation

/// Writes fixed datasets in every export format so outside readers (pandas, R, PSPP) can be
/// pointed at them by the end-to-end tests. Hidden: it is a test fixture, not a user feature.
struct ExportSelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-selftest",
        abstract: "Write the export self-test datasets (.sav, .dta, .csv) into a directory.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "Directory to write into (created if missing).")
    var out: String

    @Flag(name: .long, help: "Replace files that already exist.")
    var force = false

    func run() throws {
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for format in ExportFormat.allCases {
            let summary = try ExportWriter.write(
                schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource, format: format,
                to: directory.appendingPathComponent("selftest.\(format.fileExtension)"), overwrite: force)
            report(summary)
        }
        for format in [ExportFormat.sav, .dta] {
            let summary = try ExportWriter.write(
                schema: ExportLongTextSample.schema, rows: ExportLongTextSample.rowSource, format: format,
                to: directory.appendingPathComponent("longtext.\(format.fileExtension)"), overwrite: force)
            report(summary)
        }
    }

    private func report(_ summary: ExportSummary) {
        print("wrote \(summary.files.map(\.lastPathComponent).joined(separator: ", ")): \(summary.rowCount) rows, \(summary.variableCount) variables")
        for warning in summary.warnings {
            print("  warning: \(warning)")
        }
    }
}
