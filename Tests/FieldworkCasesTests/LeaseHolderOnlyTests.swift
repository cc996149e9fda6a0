import Foundation
import Testing
@testable import FieldworkCases

/// While one interviewer's lease runs, nobody else writes the case, even through a connection of
/// their own (as another `fieldwork session` process has): no lease, no call recorded, no renewal,
/// no release. When the lease runs out, the case can be taken again.
@Suite struct LeaseHolderOnlyTests {
    let now = at("2025-10-20T10:00")

    /// The message of the case-store error `body` throws (errors are compared by what they say).
    private func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return (error as? CaseStoreError)?.description ?? "unexpected: \(error)"
        }
    }

    /// The same store opened a second time through its own connections.
    private func secondConnection(to store: any CaseStore) throws -> any CaseStore {
        switch store {
        case let sqlite as SQLiteCaseStore: return try SQLiteCaseStore(path: sqlite.path)
        case let postgres as PostgresCaseStore:
            return try PostgresCaseStore(connection: postgresConnection(), schema: postgres.schemaName, clock: .caller)
        default: throw CaseStoreError.database("no such store")
        }
    }

    @Test(arguments: StoreKind.underTest) func anotherConnectionCannotWriteACaseSomeoneHolds(_ kind: StoreKind) throws {
        let first = try makeStore(kind, ids: ["A"])
        let second = try secondConnection(to: first)
        _ = try first.leaseCase(id: "A", interviewer: "int1", now: now)
        let minute = now.addingTimeInterval(60)

        #expect(refusal {
            _ = try second.leaseCase(id: "A", interviewer: "int2", now: minute)
        } == CaseStoreError.leasedByAnother(caseID: "A", holder: "int1").description)
        #expect(refusal {
            try second.record("A", .noAnswer, at: minute, by: "int2")
        } == CaseStoreError.leasedByAnother(caseID: "A", holder: "int1").description)
        #expect(refusal {
            _ = try second.renewLease(caseID: "A", interviewer: "int2", now: minute)
        } == CaseStoreError.notLeaseHolder(caseID: "A", interviewer: "int2").description)
        #expect(refusal {
            try second.releaseLease(caseID: "A", interviewer: "int2", now: minute)
        } == CaseStoreError.notLeaseHolder(caseID: "A", interviewer: "int2").description)
        #expect(try second.nextCase(for: "int2", now: minute) == nil)
        // Nothing was written: no call on record, the lease still the holder's.
        let detail = try #require(try second.caseDetail(id: "A"))
        #expect(detail.attempts.isEmpty)
        #expect(detail.leaseHolder == "int1")
        // The holder records the call.
        try first.record("A", .noAnswer, at: minute, by: "int1")
        #expect(try second.caseDetail(id: "A")?.attempts.count == 1)
    }

    @Test(arguments: StoreKind.underTest) func anExpiredLeaseFreesTheCaseForAnotherConnection(_ kind: StoreKind) throws {
        let first = try makeStore(kind, ids: ["A"])
        let second = try secondConnection(to: first)
        let lease = try first.leaseCase(id: "A", interviewer: "int1", now: now)
        let after = lease.expiresAt.addingTimeInterval(1)
        #expect(try second.leaseCase(id: "A", interviewer: "int2", now: after).interviewer == "int2")
        // The old holder can no longer renew it.
        #expect(refusal {
            _ = try first.renewLease(caseID: "A", interviewer: "int1", now: after)
        } == CaseStoreError.notLeaseHolder(caseID: "A", interviewer: "int1").description)
    }
}
