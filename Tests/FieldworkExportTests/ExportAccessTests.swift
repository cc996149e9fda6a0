import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FieldworkExport
import FieldworkTestSupport

/// Exports holding personal data are owner-only (0600) whatever the umask; others follow it.
struct ExportAccessTests {
    private func mode(_ url: URL) -> mode_t {
        var info = stat()
        #expect(stat(url.path, &info) == 0)
        return info.st_mode & 0o777
    }

    @Test(arguments: ExportFormat.allCases)
    func ownerOnlyDataIs0600UnderUmask022(format: ExportFormat) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let previous = umask(0o022)
        defer { umask(previous) }
        let target = directory.appendingPathComponent("data.\(format.rawValue)")
        try Data("old".utf8).write(to: target)
        chmod(target.path, 0o644)
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                             format: format, to: target, overwrite: true, access: .ownerOnly)
        #expect(mode(target) == 0o600)
        for companion in summary.files.dropFirst() {
            #expect(mode(companion) == 0o644)  // labels and dictionary: no personal data
        }
        let shared = directory.appendingPathComponent("shared.\(format.rawValue)")
        try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                               format: format, to: shared, overwrite: false)
        #expect(mode(shared) == 0o644)
    }

    @Test func surveyExportWithIdentifiersIs0600() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let fixture = try SurveyFixture()
        defer { fixture.remove() }
        try fixture.record("C1", [.answer(.choice(2, specify: nil)), .answer(.text("fine")), .answer(.choice(1, specify: nil))])
        let base = fixture.root.deletingLastPathComponent()
        let withIDs = base.appendingPathComponent("ids.csv")
        _ = try SurveyExporter.export(directory: fixture.directory, records: FixtureRecords(), format: .csv, to: withIDs,
                                      options: SurveyExportOptions(includeIdentifiers: true), overwrite: false)
        #expect(mode(withIDs) == 0o600)
        #expect(try String(contentsOf: withIDs, encoding: .utf8).contains("020 7946 0000"))
        let without = base.appendingPathComponent("plain.csv")
        _ = try SurveyExporter.export(directory: fixture.directory, records: FixtureRecords(), format: .csv, to: without,
                                      options: SurveyExportOptions(), overwrite: false)
        #expect(mode(without) == 0o644)
    }
}
