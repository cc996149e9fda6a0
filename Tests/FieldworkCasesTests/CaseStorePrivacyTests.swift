import FieldworkPostgres
import Foundation
import Testing
@testable import FieldworkCases
#if canImport(Glibc)
import Glibc
#endif

/// Sample problems never quote personal data (phone numbers, values of identifier fields); the
/// case store is never opened through a symbolic link; `store.json` is owner-only.
@Suite struct CaseStorePrivacyTests {
    private func problems(_ csv: String, schema: SampleSchema = .permissive) -> [SampleProblem] {
        do throws(SampleImportError) {
            _ = try SampleImporter(schema: schema).parse(csv: csv, source: "s.csv")
            return []
        } catch {
            return error.problems
        }
    }

    @Test(arguments: ["020-7946-0001", "020 7946", "+44 20 7946 0001 2345", "44+2079460001", "020 7946 00x1"])
    func aBadPhoneNumberIsNotQuoted(value: String) {
        let found = problems("case_id,phone\nA1,\(value)\n")
        #expect(found.map(\.kind) == [.invalidPhoneNumber])
        let reason = found.first?.reason ?? ""
        #expect(!reason.contains(value))
        #expect(!reason.contains("7946"))
        #expect(reason.hasPrefix("phone: the phone number has"))
    }

    @Test func theBadCharacterIsLocatedByPosition() {
        let reason = problems("case_id,phone\nA1,020 7946 00x1\n").first?.reason ?? ""
        #expect(reason.contains("at character 12"))
    }

    @Test func aBadNumberInAnIdentifierFieldIsNotQuotedButOtherNumbersAre() {
        let schema = SampleSchema(fields: [
            .init(name: "company_number", identifier: true, kind: .number),
            .init(name: "staff", kind: .number),
        ], allowsExtraColumns: false)
        let found = problems("case_id,company_number,staff\nA1,OC38x17,12z\n", schema: schema)
        #expect(found.map(\.reason).sorted() == [
            "company_number: the value is not a number; write digits with an optional sign, decimal point and exponent (e.g. 12, -3.5, 1e3)",
            "staff: '12z' is not a number; write digits with an optional sign, decimal point and exponent (e.g. 12, -3.5, 1e3)",
        ])
    }

    @Test func aCaseStoreThatIsASymbolicLinkIsRefusedAndNothingIsCreatedWhereItPoints() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elsewhere = directory.appendingPathComponent("elsewhere.sqlite")
        let link = directory.appendingPathComponent("cases.sqlite")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
        let error = #expect(throws: CaseStoreError.self) {
            _ = try SQLiteCaseStore(path: link.path)
        }
        #expect(String(describing: error!).contains("symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: elsewhere.path))
    }

    @Test func aWriteAheadLogThatIsASymbolicLinkIsRefused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cases.sqlite").path
        do { _ = try SQLiteCaseStore(path: path) }
        let outside = directory.appendingPathComponent("outside")
        try Data("untouched".utf8).write(to: outside)
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try FileManager.default.createSymbolicLink(atPath: path + "-wal", withDestinationPath: outside.path)
        #expect(throws: CaseStoreError.self) {
            _ = try SQLiteCaseStore(path: path)
        }
        #expect(try String(contentsOf: outside, encoding: .utf8) == "untouched")
    }

    /// (The process's umask, 022 in tests, would leave it 0644; it is not changed here because
    /// tests run in parallel.)
    @Test func storeSettingsAreOwnerOnly() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let location = CaseStoreLocation.postgresql(url: try PostgresURL("postgresql://fieldwork@localhost:5432/surveys"), schema: "bas")
        try location.write(surveyDirectory: directory)
        var info = stat()
        #expect(stat(directory.appendingPathComponent(CaseStoreLocation.fileName).path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}
