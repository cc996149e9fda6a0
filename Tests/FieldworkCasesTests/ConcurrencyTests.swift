import Foundation
import Testing
@testable import FieldworkCases

/// Collects ids from several threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []
    private var errors: [String] = []
    func add(_ new: [String]) { lock.withLock { ids += new } }
    func fail(_ message: String) { lock.withLock { errors.append(message) } }
    var snapshot: (ids: [String], errors: [String]) { lock.withLock { (ids, errors) } }
}

@Suite struct ConcurrencyTests {
    @Test(arguments: StoreKind.underTest) func separateConnectionsNeverLeaseTheSameCase(_ kind: StoreKind) throws {
        let caseCount = 300
        let workers = 8
        let seed = try makeStore(kind, ids: (0..<caseCount).map { "C\($0)" })
        // Each worker opens the same store through its own connections.
        let open: @Sendable () throws -> any CaseStore = switch seed {
        case let sqlite as SQLiteCaseStore: { [path = sqlite.path] in try SQLiteCaseStore(path: path) }
        case let postgres as PostgresCaseStore:
            { [schema = postgres.schemaName] in try PostgresCaseStore(connection: postgresConnection(), schema: schema, clock: .caller) }
        default: { throw CaseStoreError.database("no such store") }
        }
        let collected = Collected()
        let now = at("2025-10-20T10:00")
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let store = try open()
                var mine: [String] = []
                while let lease = try store.nextCase(for: "int\(worker)", now: now) {
                    mine.append(lease.caseID)
                    if mine.count % 3 == 0 {
                        _ = try store.record(lease.caseID, .noAnswer, at: now, by: "int\(worker)")
                    }
                }
                collected.add(mine)
            } catch {
                collected.fail("worker \(worker): \(error)")
            }
        }
        let (ids, errors) = collected.snapshot
        #expect(errors.isEmpty)
        #expect(ids.count == caseCount)
        #expect(Set(ids).count == caseCount)
    }

    /// Sessions finishing completes in one quota cell at the same moment: none fails (on PostgreSQL
    /// the survey's quota lock keeps them from deadlocking on each other's cases), every complete
    /// is counted once, and once the cell is full every case still open in it is withheld.
    @Test(arguments: StoreKind.underTest) func completesInOneQuotaCellAtOnceAreEachCountedOnce(_ kind: StoreKind) throws {
        let rules = {
            var rules = SchedulingRules()
            rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 10])]
            return rules
        }()
        let ids = (0..<60).map { "G\($0)" }
        let seed = try makeStore(kind, rules: rules, ids: ids, fields: Dictionary(uniqueKeysWithValues: ids.map { ($0, ["sector": "G"]) }))
        let open: @Sendable () throws -> any CaseStore = switch seed {
        case let sqlite as SQLiteCaseStore: { [path = sqlite.path] in try SQLiteCaseStore(path: path, rules: rules) }
        case let postgres as PostgresCaseStore:
            { [schema = postgres.schemaName] in try PostgresCaseStore(connection: postgresConnection(), schema: schema, rules: rules, clock: .caller) }
        default: { throw CaseStoreError.database("no such store") }
        }
        let collected = Collected()
        let now = at("2025-10-20T10:00")
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            do {
                let store = try open()
                var mine: [String] = []
                while let lease = try store.nextCase(for: "int\(worker)", now: now) {
                    _ = try store.record(lease.caseID, .interviewComplete, at: now, by: "int\(worker)")
                    mine.append(lease.caseID)
                }
                collected.add(mine)
            } catch {
                collected.fail("worker \(worker): \(error)")
            }
        }
        let (completed, errors) = collected.snapshot
        #expect(errors.isEmpty, "\(errors)")
        #expect(Set(completed).count == completed.count)
        // At least the target, and at most one more per other session (a case leased before the cell filled).
        #expect(completed.count >= 10 && completed.count <= 10 + 5)
        let counts = try seed.statusCounts(now: now)
        #expect(counts.quotaCells["sector"]?["G"]?.completes == completed.count)
        #expect(counts.byDisposition[.complete] == completed.count)
        #expect(counts.withheldByQuota == ids.count - completed.count)
    }
}
