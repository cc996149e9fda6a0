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
}
