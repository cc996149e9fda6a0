import Foundation
import Testing
@testable import FieldworkCases

@Suite struct SampleImporterTests {
    let importer = SampleImporter()

    @Test func readsRowsIntoCasesWithFieldsAndLines() throws {
        let csv = """
            case_id,business_name,phone,sector
            B001,Acme Ltd,020 7946 0001,G
            B002,"Multi
            Line Ltd",020 7946 0002,K
            B003,Third,+44 20 7946 0003,G

            """
        let sample = try importer.parse(csv: csv, source: "s.csv")
        #expect(sample.cases.map(\.id) == ["B001", "B002", "B003"])
        #expect(sample.cases.map(\.line) == [2, 3, 5])
        #expect(sample.cases[1].fields["business_name"] == "Multi\nLine Ltd")
        #expect(sample.cases[2].fields == ["business_name": "Third", "phone": "+44 20 7946 0003", "sector": "G"])

        let store = try makeStore()
        let summary = try store.importCases(sample, now: at("2025-10-20T08:00"))
        #expect(summary == ImportSummary(imported: 3, skipped: 0))
        let detail = try #require(try store.caseDetail(id: "B002"))
        #expect(detail.status == .fresh)
        #expect(detail.fields["sector"] == "K")
        #expect(detail.importSource == "s.csv")
    }

    private func problems(_ csv: String, schema: SampleSchema = .permissive) -> [SampleProblem] {
        do throws(SampleImportError) {
            _ = try SampleImporter(schema: schema).parse(csv: csv, source: "s.csv")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func wrongColumnCountIsReportedWithItsLine() {
        let found = problems("case_id,name\nA1,x\nA2,y,extra\n")
        #expect(found == [SampleProblem(line: 3, kind: .wrongColumnCount, reason: found.first?.reason ?? "")])
        #expect(found.first?.reason.contains("3 column(s)") == true)
    }

    @Test func duplicateIDInFileNamesBothLines() {
        let found = problems("case_id,name\nA1,x\nA2,y\nA1,z\n")
        #expect(found.map(\.line) == [4])
        #expect(found.map(\.kind) == [.duplicateCaseID])
        #expect(found[0].reason.contains("line 2"))
    }

    @Test func missingRequiredFieldAndColumn() {
        let schema = SampleSchema(fields: [
            SampleFieldSpec(name: "business_name", required: true, identifier: true),
            SampleFieldSpec(name: "sector", required: true),
        ])
        let empty = problems("case_id,business_name,sector\nA1,Acme,G\nA2,  ,G\n", schema: schema)
        #expect(empty.map(\.line) == [3])
        #expect(empty.map(\.kind) == [.missingRequiredField])
        let noColumn = problems("case_id,business_name\nA1,Acme\n", schema: schema)
        #expect(noColumn.map(\.kind) == [.missingColumn])
        #expect(noColumn.map(\.line) == [1])
        #expect(noColumn[0].reason.contains("sector"))
    }

    @Test func unknownColumnRejectedByStrictSchema() {
        let schema = SampleSchema(fields: [SampleFieldSpec(name: "sector")])
        let found = problems("case_id,sectr\nA1,G\n", schema: schema)
        #expect(found.map(\.kind) == [.unknownColumn])
        #expect(found.map(\.line) == [1])
    }

    @Test func missingCaseIDColumn() {
        let found = problems("id,name\n1,x\n")
        #expect(found.map(\.kind) == [.missingColumn])
    }

    @Test(arguments: [
        ("020 7946 0001", true), ("+44 20 7946 0001", true), ("02079460001", true),
        ("020-7946-0001", false), ("020 7946", false), ("+44 20 7946 0001 2345", false), ("44+2079460001", false),
    ])
    func phoneNumbers(value: String, valid: Bool) {
        let found = problems("case_id,phone\nA1,\(value)\n")
        #expect(found.isEmpty == valid)
        if !valid {
            #expect(found.map(\.kind) == [.invalidPhoneNumber])
            #expect(found.map(\.line) == [2])
        }
    }

    @Test(arguments: ["../etc", ".hidden", "a b", "x/y", String(repeating: "a", count: 65), "case\u{1b}[2J"])
    func unsafeCaseIDs(id: String) {
        let found = problems("case_id,name\nA1,x\n\"\(id)\",y\n")
        #expect(found.map(\.kind) == [.invalidCaseID])
        #expect(found.map(\.line) == [3])
    }

    @Test func acceptsPortableCaseIDs() {
        #expect(SampleValidation.caseIDProblem("B-001_v2.3") == nil)
        #expect(SampleValidation.caseIDProblem(String(repeating: "a", count: 64)) == nil)
    }

    @Test func allProblemsListedUpToTheCap() {
        var csv = "case_id,phone\n"
        for i in 0..<10 { csv += "A\(i),12\n" }
        do throws(SampleImportError) {
            _ = try SampleImporter(maxProblems: 4).parse(csv: csv, source: "big.csv")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4, 5])
            #expect(error.unlistedCount == 6)
            #expect(error.messages.first?.hasPrefix("big.csv:2: ") == true)
        }
    }

    @Test func badRowMeansNothingIsImported() throws {
        let store = try makeStore()
        let csv = "case_id,phone\nA1,020 7946 0001\nA2,not a phone\nA3,020 7946 0003\n"
        #expect(throws: SampleImportError.self) { try importer.parse(csv: csv, source: "s.csv") }
        #expect(try store.statusCounts(now: at("2025-10-20T09:00")).total == 0)
    }

    @Test func reimportSkipsIdenticalAndRejectsChangedCases() throws {
        let store = try makeStore()
        let now = at("2025-10-20T08:00")
        let first = try importer.parse(csv: "case_id,name\nA1,x\nA2,y\n", source: "a.csv")
        #expect(try store.importCases(first, now: now) == ImportSummary(imported: 2, skipped: 0))
        #expect(try store.importCases(first, now: now) == ImportSummary(imported: 0, skipped: 2))

        let more = try importer.parse(csv: "case_id,name\nA2,y\nA3,z\n", source: "b.csv")
        #expect(try store.importCases(more, now: now) == ImportSummary(imported: 1, skipped: 1))

        let changed = try importer.parse(csv: "case_id,name\nA4,new\nA1,changed\n", source: "c.csv")
        do {
            _ = try store.importCases(changed, now: now)
            Issue.record("expected a conflict")
        } catch let error as SampleImportError {
            #expect(error.problems.map(\.line) == [3])
            #expect(error.problems.map(\.kind) == [.conflictsWithStoredCase])
            #expect(error.problems[0].reason.contains("name"))
        }
        // All-or-nothing: A4 was not imported either.
        #expect(try store.caseDetail(id: "A4") == nil)
        #expect(try store.statusCounts(now: now).total == 3)
    }

    @Test func readsFileFromDiskWithBOM() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("sample.csv")
        try Data("\u{FEFF}case_id,name\r\nA1,x\r\nA2,y\r\n".utf8).write(to: url)
        let sample = try importer.parse(contentsOf: url, source: "sample.csv")
        #expect(sample.columns == ["case_id", "name"])
        #expect(sample.cases.map(\.line) == [2, 3])
    }
}
