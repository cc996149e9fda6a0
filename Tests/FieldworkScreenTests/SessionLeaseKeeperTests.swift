@testable import FieldworkCases
@testable import FieldworkTerminal
import Foundation
import Testing

@Suite("Session lease keeper")
struct SessionLeaseKeeperTests {
    private static func store(leaseMinutes: Int) throws -> SQLiteCaseStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rules = SchedulingRules()
        rules.leaseMinutes = leaseMinutes
        let store = try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
        let sample = ParsedSample(source: "t.csv", columns: ["case_id", "business_name"],
                                  cases: [SampleCase(id: "K1", fields: ["business_name": "Keeper Ltd"], line: 2)])
        _ = try store.importCases(sample, now: Date(timeIntervalSince1970: 0))
        return store
    }

    /// 10:00 London on Monday 1 December 2025: inside calling hours.
    private static let start = Date(timeIntervalSince1970: 1_764_583_200)  // 2025-12-01T10:00:00Z

    private static func waitUntil(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    @Test func renewsTheLeaseInTheBackground() throws {
        let store = try Self.store(leaseMinutes: 1)
        let lease = try #require(try store.nextCase(for: "I7", now: Self.start))
        #expect(lease.expiresAt == Self.start.addingTimeInterval(60))
        let later = Self.start.addingTimeInterval(300)
        let keeper = SessionLeaseKeeper(store: store, caseID: "K1", interviewer: "I7", interval: 0.05, clock: { later })
        defer { keeper.stop() }
        let renewed = try Self.waitUntil { try store.caseDetail(id: "K1")?.leaseExpiresAt == later.addingTimeInterval(60) }
        #expect(renewed)
        #expect(keeper.lastProblem == nil)
        // Another interviewer cannot take the renewed case.
        #expect(try store.nextCase(for: "I8", now: later.addingTimeInterval(30)) == nil)
    }

    @Test func reportsALostLeaseAndStopsRenewing() throws {
        let store = try Self.store(leaseMinutes: 1)
        _ = try #require(try store.nextCase(for: "I7", now: Self.start))
        try store.releaseLease(caseID: "K1", interviewer: "I7", now: Self.start)
        let keeper = SessionLeaseKeeper(store: store, caseID: "K1", interviewer: "I7", interval: 0.05, clock: { Self.start })
        #expect(Self.waitUntil { keeper.lastProblem != nil })
        #expect(keeper.lastProblem?.contains("does not hold the lease") == true)
        keeper.stop()
        #expect(try store.caseDetail(id: "K1")?.leaseHolder == nil)
        #expect(try store.nextCase(for: "I8", now: Self.start)?.caseID == "K1")
    }
}
