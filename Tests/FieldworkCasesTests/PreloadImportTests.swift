import Foundation
import Testing
@testable import FieldworkCases

/// `fieldwork cases preload`: the file's checks and the stored values.
@Suite struct PreloadImportTests {
    private let columns = [PreloadColumn(name: "prev_crimes", column: "prev_crimes", isNumber: true),
                           PreloadColumn(name: "prev_town", column: "prev_town", isNumber: false)]
    private let known: Set<String> = ["A1", "A2", "A3"]

    private func problems(_ csv: String, importer: PreloadImporter? = nil) -> [SampleProblem] {
        do {
            _ = try (importer ?? PreloadImporter(columns: columns)).parse(csv: csv, source: "p.csv") { known.contains($0) }
            return []
        } catch {
            return error.problems
        }
    }

    @Test func readsDeclaredColumnsIgnoringTheRestOfAnExport() throws {
        let parsed = try PreloadImporter(columns: columns).parse(csv: """
            case_id,q1,prev_crimes,prev_town,weight
            A1,1,3,Leeds,1.2
            A2,2,,"York, North",0.8

            """, source: "p.csv") { known.contains($0) }
        #expect(parsed.names == ["prev_crimes", "prev_town"])
        #expect(parsed.rows.map(\.caseID) == ["A1", "A2"])
        #expect(parsed.rows[0].values == ["prev_crimes": "3", "prev_town": "Leeds"])
        #expect(parsed.rows[1].values == ["prev_town": "York, North"], "an empty cell leaves the value out")
        #expect(parsed.rows[1].line == 3)
    }

    @Test func unknownCasesAreListedByLineAndNothingIsParsed() {
        let found = problems("""
            case_id,prev_crimes,prev_town
            A1,1,Leeds
            ZZ9,2,York
            A2,3,Hull
            QQ,4,Bath
            """)
        #expect(found.map(\.line) == [3, 5])
        #expect(found.allSatisfy { $0.kind == .unknownCase })
        #expect(found.first?.reason.contains("'ZZ9' is not in the case store") == true)
    }

    @Test func missingKeyAndValueColumnsAreNamed() {
        let found = problems("""
            id,prev_crime,prev_town
            A1,1,Leeds
            """)
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.kind == .missingColumn && $0.line == 1 })
        #expect(found[0].reason.contains("no 'case_id' column") && found[0].reason.contains("--key"))
        #expect(found[1].reason.contains("no 'prev_crimes' column") && found[1].reason.contains("--map prev_crimes=COLUMN"))
    }

    @Test func badNumbersDuplicatesAndShortRowsAreReportedWithTheirLines() {
        let found = problems("""
            case_id,prev_crimes,prev_town
            A1,three,Leeds
            A2,2,York
            A2,2,York
            A3,4
            """)
        #expect(found.map(\.line) == [2, 4, 5])
        #expect(found.map(\.kind) == [.invalidNumber, .duplicateCaseID, .wrongColumnCount])
        #expect(found[0].reason.contains("prev_crimes") && found[0].reason.contains("'three' is not a number"))
        #expect(found[1].reason.contains("line 3"))
    }

    @Test func keyAndMappedColumnsCanHaveOtherNames() throws {
        let mapping = try PreloadMapping(declared: [("prev_crimes", true), ("prev_town", false)], arguments: ["prev_crimes=tot_inc"])
        #expect(mapping.columns.map(\.column) == ["tot_inc", "prev_town"])
        let parsed = try PreloadImporter(columns: mapping.columns, keyColumn: "respondent").parse(csv: """
            respondent,tot_inc,prev_town
            A3,7,Bath
            """, source: "p.csv") { known.contains($0) }
        #expect(parsed.rows.first?.values == ["prev_crimes": "7", "prev_town": "Bath"])
    }

    @Test func badMappingsAreRefused() {
        let declared: [(name: String, isNumber: Bool)] = [("prev_crimes", true)]
        #expect(throws: PreloadMappingError.malformed("prev_crimes")) { try PreloadMapping(declared: declared, arguments: ["prev_crimes"]) }
        #expect(throws: PreloadMappingError.undeclared("prev_crime", declared: ["prev_crimes"])) {
            try PreloadMapping(declared: declared, arguments: ["prev_crime=x"])
        }
        #expect(throws: PreloadMappingError.repeated("prev_crimes")) {
            try PreloadMapping(declared: declared, arguments: ["prev_crimes=a", "prev_crimes=b"])
        }
    }

    @Test(arguments: StoreKind.underTest) func storedValuesReachTheLeaseAndTheDetailAndAReloadReplacesThem(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A1", "A2"])
        let first = try PreloadImporter(columns: columns).parse(csv: "case_id,prev_crimes,prev_town\nA1,3,Leeds\nA2,1,York\n",
                                                                 source: "w1.csv") { (try? store.containsCase(id: $0)) ?? false }
        #expect(try store.storePreload(first, now: at("2025-10-20T09:00")) == 2)
        #expect(try store.preloadValues(caseID: "A1") == ["prev_crimes": "3", "prev_town": "Leeds"])
        #expect(try store.caseDetail(id: "A2")?.preload == ["prev_crimes": "1", "prev_town": "York"])
        let lease = try store.leaseCase(id: "A1", interviewer: "int1", now: at("2025-10-20T10:00"))
        #expect(lease.preload == ["prev_crimes": "3", "prev_town": "Leeds"])

        let again = try PreloadImporter(columns: columns).parse(csv: "case_id,prev_crimes,prev_town\nA2,,Hull\n",
                                                                 source: "w1b.csv") { (try? store.containsCase(id: $0)) ?? false }
        try store.storePreload(again, now: at("2025-10-20T11:00"))
        #expect(try store.preloadValues(caseID: "A2") == ["prev_town": "Hull"], "an empty cell removes the value")
        #expect(try store.preloadValues(caseID: "A1")["prev_crimes"] == "3", "cases not in the file keep theirs")
        #expect(try store.containsCase(id: "A9") == false)
    }

    @Test(arguments: StoreKind.underTest) func aCaseGoneSinceCheckingFailsTheWholeLoad(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A1"])
        let parsed = ParsedPreload(source: "p.csv", names: ["prev_crimes"], rows: [
            .init(caseID: "A1", values: ["prev_crimes": "1"], line: 2),
            .init(caseID: "gone", values: ["prev_crimes": "2"], line: 3),
        ])
        #expect(throws: CaseStoreError.self) { try store.storePreload(parsed, now: at("2025-10-20T09:00")) }
        #expect(try store.preloadValues(caseID: "A1").isEmpty, "nothing is kept")
    }
}
