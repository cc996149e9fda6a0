import Foundation
import Testing
@testable import FieldworkExport

struct AtomicWriteTests {
    let schema = ExportSchema(variables: [ExportVariable(name: "n", label: "Number", kind: .numeric(decimals: 0))])
    var rows: [[ExportCell]] { (1...50).map { [.number(Double($0))] } }

    @Test(arguments: ExportFormat.allCases)
    func existingFileIsUntouchedWithoutOverwrite(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.\(format.rawValue)")
        try Data("precious".utf8).write(to: target)

        let error = #expect(throws: ExportError.self) {
            try ExportWriter.write(schema: schema, rows: ArrayRowSource(rows), format: format, to: target, overwrite: false)
        }
        #expect(error == .fileExists(path: target.path))
        #expect(error?.description.hasSuffix("exists; pass --force to replace it") == true)
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious")
        #expect(try directoryListing(directory) == ["data.\(format.rawValue)"])
    }

    @Test(arguments: ExportFormat.allCases)
    func overwriteReplacesAndLeavesNoTemporaryFiles(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.\(format.rawValue)")
        try Data("old".utf8).write(to: target)

        let summary = try ExportWriter.write(schema: schema, rows: ArrayRowSource(rows), format: format, to: target, overwrite: true)
        #expect(summary.rowCount == 50)
        let size = try FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int ?? 0
        #expect(size > 100)
        let listing = try directoryListing(directory)
        #expect(!listing.contains { $0.hasSuffix(AtomicFile.temporarySuffix) })
        #expect(listing.count == summary.files.count)
    }

    @Test(arguments: ExportFormat.allCases)
    func failureMidWayLeavesNothingBehind(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.\(format.rawValue)")
        #expect(throws: FailingRowSource.Failure.self) {
            try ExportWriter.write(schema: schema, rows: FailingRowSource(rows: rows, failAfter: 20),
                                   format: format, to: target, overwrite: false)
        }
        #expect(try directoryListing(directory).isEmpty)
    }

    @Test(arguments: [ExportFormat.sav, .dta])
    func failureMidWayKeepsTheOldFile(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.\(format.rawValue)")
        try Data("old".utf8).write(to: target)
        #expect(throws: FailingRowSource.Failure.self) {
            try ExportWriter.write(schema: schema, rows: FailingRowSource(rows: rows, failAfter: 20),
                                   format: format, to: target, overwrite: true)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "old")
        #expect(try directoryListing(directory) == ["data.\(format.rawValue)"])
    }

    @Test(arguments: [ExportFormat.sav, .dta])
    func theHeaderCountsTheRowsProducedNotTheSourcesCount(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The rows go through the spool first, so a source whose count is wrong cannot make the
        // header promise rows that never come.
        let summary = try ExportWriter.write(schema: schema, rows: MiscountingRowSource(rows: rows), format: format,
                                             to: directory.appendingPathComponent("x.\(format.rawValue)"), overwrite: false)
        #expect(summary.rowCount == 50)
        #expect(try directoryListing(directory) == ["x.\(format.rawValue)"])
    }

    @Test(arguments: ExportFormat.allCases)
    func badCellsSayWhereAndLeaveNoFile(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("x.\(format.rawValue)")
        let text = #expect(throws: ExportError.self) {
            try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1)], [.text("oops")]]),
                                   format: format, to: target, overwrite: false)
        }
        #expect(text?.description.hasPrefix("row 2, variable n: text \"oops\"") == true)
        let undeclared = #expect(throws: ExportError.self) {
            try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.missing(code: -9)]]),
                                   format: format, to: target, overwrite: false)
        }
        #expect(undeclared?.description.contains("missing code -9 is not declared") == true)
        let shape = #expect(throws: ExportError.self) {
            try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1), .number(2)]]),
                                   format: format, to: target, overwrite: false)
        }
        #expect(shape == .rowShape(row: 1, expected: 1, got: 2))
        #expect(try directoryListing(directory).isEmpty)
    }
}
