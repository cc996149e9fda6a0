import Foundation
import GRDB
import Testing
@testable import FieldworkCases

/// Sample release in replicates: held-back cases are never offered and count in no rate until released.
@Suite struct ReplicateReleaseTests {
    let morning = at("2025-10-20T10:00")

    func sample(_ ids: [String]) -> ParsedSample {
        ParsedSample(source: "r.csv", columns: ["case_id", "business_name"],
                     cases: ids.enumerated().map { SampleCase(id: $1, fields: ["business_name": "B \($1)"], line: $0 + 2) })
    }

    @Test(arguments: StoreKind.underTest) func unreleasedCasesAreNeverOfferedNorCounted(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.importCases(sample(["R1", "R2"]), replicate: 2, now: morning)
        // Only the released case is offered; the replicate's cases cannot be opened by name either.
        #expect(try store.nextCase(for: "int1", now: morning)?.caseID == "A")
        #expect(try store.nextCase(for: "int2", now: morning) == nil)
        #expect(throws: CaseStoreError.self) { try store.leaseCase(id: "R1", interviewer: "int2", now: morning) }
        #expect(throws: CaseStoreError.self) { try store.record("R1", .noAnswer, at: morning) }
        let counts = try store.statusCounts(now: morning)
        #expect(counts.total == 3 && counts.unreleased == 2)
        #expect(counts.byInterimDisposition.values.reduce(0, +) == 1)  // only A, interim 3.11
        #expect(counts.byStatus.values.reduce(0, +) == 1)
        // Closing the wave leaves them alone.
        try store.releaseLease(caseID: "A", interviewer: "int1", now: morning)
        let closing = try store.closeWave(now: morning)
        #expect(closing.assigned.values.reduce(0, +) == 1)
        #expect(try store.caseDetail(id: "R1")?.finalDisposition == nil)
    }

    @Test(arguments: StoreKind.underTest) func releasingAReplicateOffersItsCasesAndAddsThemToTheRates(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        _ = try store.importCases(sample(["R1", "R2"]), replicate: 1, now: morning)
        try store.record("A", .interviewComplete, at: morning)
        var codes = try codeCounts(store)
        #expect(codes == ["1.1": 1])
        #expect(ResponseRates(codeCounts: codes)["RR1"] == 1.0)
        let release = try store.releaseReplicate(1, by: "sup1", reason: "first batch done", now: morning)
        #expect(release.cases == 2 && release.by == "sup1")
        #expect(try store.replicateReleases() == [release])
        #expect(try store.replicateSummaries() == [ReplicateSummary(replicate: 1, cases: 2, released: 2)])
        codes = try codeCounts(store)
        #expect(codes == ["1.1": 1, "3.11": 2])
        // RR1 = I / (D + U) = 1 / (1 + 2).
        #expect(abs(ResponseRates(codeCounts: codes)["RR1"]! - 1.0 / 3.0) < 1e-12)
        #expect(try store.nextCase(for: "int1", now: morning)?.caseID == "R1")
        // Releasing again, or a replicate never imported, is refused with a reason.
        #expect(throws: CaseStoreError.self) { try store.releaseReplicate(1, by: "sup1", reason: "again", now: morning) }
        #expect(throws: CaseStoreError.self) { try store.releaseReplicate(7, by: "sup1", reason: "r", now: morning) }
        #expect(throws: CaseStoreError.self) { try store.importCases(sample(["Z"]), replicate: 0, now: morning) }
    }

    @Test func aStoreFromBeforeReplicatesKeepsEveryCaseReleased() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent(SQLiteCaseStore.fileName).path
        do {
            let queue = try DatabaseQueue(path: path)
            try CaseDatabaseSchema.migrator().migrate(queue, upTo: "case-audit")
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO cases (seq, id, fields, status, tier, queue, due_at, next_eligible_at, imported_at, import_source, interim_code)
                    VALUES (1, 'OLD', '{}', 'fresh', 2, 2, 0, 0, 0, 'old.csv', '3.11')
                    """)
            }
        }
        let store = try SQLiteCaseStore(path: path)
        let detail = try #require(try store.caseDetail(id: "OLD"))
        #expect(detail.released && detail.replicate == nil)
        #expect(try store.statusCounts(now: morning).unreleased == 0)
        #expect(try store.nextCase(for: "int1", now: morning)?.caseID == "OLD")
    }

    func codeCounts(_ store: any CaseAdministration) throws -> [String: Int] {
        let counts = try store.statusCounts(now: morning)
        var codes: [String: Int] = [:]
        for (d, n) in counts.byDisposition { codes[d.code, default: 0] += n }
        for (d, n) in counts.byInterimDisposition { codes[d.code, default: 0] += n }
        return codes
    }
}
