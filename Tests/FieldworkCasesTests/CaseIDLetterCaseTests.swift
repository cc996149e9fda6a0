import Foundation
import Testing
@testable import FieldworkCases

/// Case ids become journal file names; on a case-insensitive file system C001 and c001 are one file,
/// so ids differing only in letter case are refused, in the file and against the store.
@Suite struct CaseIDLetterCaseTests {
    private func problems(_ csv: String) -> [SampleProblem] {
        do throws(SampleImportError) {
            _ = try SampleImporter().parse(csv: csv, source: "s.csv")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func idsDifferingOnlyInCaseInOneFileAreRefusedNamingTheFirstLine() {
        let found = problems("case_id,name\nC001,x\nB2,y\nc001,z\n")
        #expect(found.map(\.line) == [4])
        #expect(found.map(\.kind) == [.duplicateCaseID])
        #expect(found.first?.reason.contains("line 2") == true)
        #expect(found.first?.reason.contains("C001") == true)
        #expect(found.first?.reason.contains("letter case") == true)
    }

    @Test func idDifferingOnlyInCaseFromAStoredCaseIsRefused() throws {
        let store = try makeStore(ids: ["C001"])
        let sample = try SampleImporter().parse(csv: "case_id,business_name\nB9,new\nc001,Business C001\n", source: "later.csv")
        do {
            _ = try store.importCases(sample, now: at("2025-10-20T09:00"))
            Issue.record("c001 was imported beside C001")
        } catch let error as SampleImportError {
            #expect(error.problems.map(\.line) == [3])
            #expect(error.problems.map(\.kind) == [.conflictsWithStoredCase])
            #expect(error.problems.first?.reason.contains("'C001'") == true)
        }
        #expect(try store.caseDetail(id: "c001") == nil)
        #expect(try store.caseDetail(id: "B9") == nil)
    }

    @Test func reimportingTheSameIDIsStillSkipped() throws {
        let store = try makeStore(ids: ["C001"])
        let sample = try SampleImporter().parse(csv: "case_id,business_name\nC001,Business C001\n", source: "again.csv")
        #expect(try store.importCases(sample, now: at("2025-10-20T09:00")) == ImportSummary(imported: 0, skipped: 1))
    }
}
