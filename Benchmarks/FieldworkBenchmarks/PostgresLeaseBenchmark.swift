import FieldworkBasics
import FieldworkCases
import FieldworkPostgres
import Foundation

/// Leasing on PostgreSQL under load: many sessions at once, each a thread with its own connection
/// and its own `PostgresCaseStore`, take the next case (`nextCase`, `SELECT … FOR UPDATE SKIP
/// LOCKED`) and record a no answer on it, over a store of 100,000 cases. Issue 18's targets: p99
/// of a lease under 10 ms, and no case leased twice.
///
/// Two phases over the same store, each with every session at once:
///
/// - **paced**: each session waits between calls (a random pause averaging `thinkMilliseconds`,
///   standing in for dialling and talking), so the server sees a steady load well below what it
///   can take; the p99 lease time of this phase is what the target is checked against;
/// - **burst**: no pause at all, every session leasing and recording as fast as it can. This
///   measures the most calls a second the server takes; a lease then waits behind the other 199
///   sessions' commits, so its latency is queueing, reported but not held to the target.
///
/// Every session uses one fixed instant inside calling hours (a Monday, 10:00 London), so a case
/// called once is not due again (its retry gap runs from that instant) and any case handed out
/// twice is a double lease, not a legitimate second call.
///
/// Both phases run once per lease commit mode (`PostgresCaseStore.LeaseCommit`), each on a fresh
/// store: `asynchronous` (the store's default; its figures carry the target) and `synchronous`
/// (every lease waits for the disk's flush, as before; reported as the same run's baseline).
/// `--lease-commit asynchronous|synchronous` runs one mode only.
///
///     fieldwork-bench postgres-lease [--store postgresql://…] [--quick] [--lease-commit MODE]
///
/// The server must allow the sessions plus a few (scripts/lib/postgres.sh starts one with
/// max_connections=300).
enum PostgresLeaseBenchmark {
    /// Lease times and leased ids from all sessions.
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var leaseMicroseconds: [Double] = []
        private(set) var recordMicroseconds: [Double] = []
        private(set) var ids: [String] = []
        private(set) var errors: [String] = []
        func add(leases: [Double], records: [Double], ids new: [String]) {
            lock.withLock { leaseMicroseconds += leases; recordMicroseconds += records; ids += new }
        }
        func fail(_ message: String) { lock.withLock { errors.append(message) } }
    }

    static func run(url: String?, quick: Bool, modes: [PostgresCaseStore.LeaseCommit] = [.asynchronous, .synchronous]) {
        guard let url, !url.isEmpty else {
            BenchmarkResult(name: "postgres.lease.skipped", value: 0, unit: "give --store postgresql://… or set FIELDWORK_TEST_POSTGRES_URL").emit()
            return
        }
        for mode in modes {
            do {
                let store = try makeStore(url: url, cases: quick ? 10_000 : 100_000)
                defer { store.drop() }
                // The default mode keeps the historical names; the baseline's carry its mode.
                let suffix = mode == .asynchronous ? "" : "_\(mode.rawValue)"
                try measure(store, phase: "paced\(suffix)", mode: mode, held: mode == .asynchronous,
                            sessions: quick ? 50 : 200, leasesPerSession: quick ? 5 : 20, thinkMilliseconds: 2_000)
                try measure(store, phase: "burst\(suffix)", mode: mode, held: false,
                            sessions: quick ? 50 : 200, leasesPerSession: quick ? 20 : 100, thinkMilliseconds: 0)
            } catch {
                BenchmarkResult(name: "postgres.lease.error", value: 0, unit: "\(mode.rawValue): \(error)").emit()
            }
        }
    }

    /// The throwaway survey both phases run on.
    private struct Store {
        let url: String
        let admin: PostgresConnection
        let schema: String
        let cases: Int
        func drop() { _ = try? admin.execute("DROP SCHEMA \"\(schema)\" CASCADE") }
    }

    private static func makeStore(url: String, cases: Int) throws -> Store {
        let admin = try PostgresConnection(url, applicationName: "fieldwork-bench lease")
        let schema = "benchlease" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        // Creates the tables, then fills them in one statement (the import's per-case checks are not what is measured).
        _ = try PostgresCaseStore(connection: admin, schema: schema, clock: .caller)
        _ = try admin.execute("""
            INSERT INTO "\(schema)".cases (id, fields, status, tier, queue, due_at, next_eligible_at, imported_at, import_source, interim_code)
            SELECT 'C' || lpad(g::text, 6, '0'), '{"business_name":"Business ' || g || '"}', 'fresh', 2, 2, 0, 0, 0, 'bench.csv', '3.11'
            FROM generate_series(1, \(cases)) AS g
            """)
        _ = try admin.execute("ANALYZE \"\(schema)\".cases")
        return Store(url: url, admin: admin, schema: String(schema), cases: cases)
    }

    /// One phase; `held` says whether its p99 is checked against the target.
    private static func measure(_ survey: Store, phase: String, mode: PostgresCaseStore.LeaseCommit, held: Bool,
                                sessions: Int, leasesPerSession: Int, thinkMilliseconds: Int) throws {
        let (url, admin, schema, cases) = (survey.url, survey.admin, survey.schema, survey.cases)
        let calledBefore = try admin.execute("SELECT COUNT(*) AS n FROM \"\(schema)\".cases WHERE attempts >= 1").rows.first?.integer("n") ?? 0

        guard let time = LocalDateTime("2025-10-20T10:00"), let callTime = time.instant(in: TimeZone(identifier: "Europe/London")!) else { return }
        let tally = Tally()
        let ready = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        var threads: [Thread] = []
        for session in 0..<sessions {
            ready.enter()
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                let store: PostgresCaseStore
                do {
                    store = try PostgresCaseStore(connection: PostgresConnection(url, applicationName: "fieldwork-bench lease \(session)"),
                                                  schema: schema, clock: .caller, leaseCommit: mode)
                } catch {
                    tally.fail("session \(session): \(error)")
                    ready.leave()
                    return
                }
                ready.leave()
                start.wait()
                var leases: [Double] = [], records: [Double] = [], ids: [String] = []
                do {
                    var pauses = SystemRandomNumberGenerator()
                    for _ in 0..<leasesPerSession {
                        if thinkMilliseconds > 0 {
                            usleep(UInt32(Int.random(in: 0...(2 * thinkMilliseconds), using: &pauses) * 1_000))
                        }
                        let began = now()
                        guard let lease = try store.nextCase(for: "int\(session)", now: callTime) else { break }
                        leases.append((now() - began) * 1e6)
                        ids.append(lease.caseID)
                        let recording = now()
                        _ = try store.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: "int\(session)", outcome: .noAnswer), now: callTime)
                        records.append((now() - recording) * 1e6)
                    }
                } catch {
                    tally.fail("session \(session): \(error)")
                }
                tally.add(leases: leases, records: records, ids: ids)
            }
            thread.stackSize = 1 << 20
            threads.append(thread)
            thread.start()
        }
        ready.wait()
        let began = now()
        for _ in 0..<sessions { start.signal() }
        done.wait()
        let seconds = now() - began
        if !tally.errors.isEmpty {
            BenchmarkResult(name: "postgres.lease.\(phase).error", value: Double(tally.errors.count),
                            unit: "session(s) failed, first: \(tally.errors[0])").emit()
            return
        }
        let ids = tally.ids
        let distinct = Set(ids).count
        // Read back from the server, independently of the sessions' own lists.
        let calledOnce = (try admin.execute("SELECT COUNT(*) AS n FROM \"\(schema)\".cases WHERE attempts = 1").rows.first?.integer("n") ?? -1) - calledBefore
        let calledMore = try admin.execute("SELECT COUNT(*) AS n FROM \"\(schema)\".cases WHERE attempts > 1").rows.first?.integer("n") ?? -1
        let leases = tally.leaseMicroseconds.sorted()
        let records = tally.recordMicroseconds.sorted()
        let p99 = percentile(leases, 0.99)
        BenchmarkResult(name: "postgres.lease_\(phase)_p50", value: percentile(leases, 0.5), unit: "µs",
                        details: ["sessions": Double(sessions), "cases": Double(cases), "leases": Double(leases.count),
                                  "think_ms_mean": Double(thinkMilliseconds)]).emit()
        BenchmarkResult(name: "postgres.lease_\(phase)_p99", value: p99, unit: "µs",
                        target: held ? "< 10 ms" : nil, passed: held ? p99 < 10_000 : nil,
                        details: ["sessions": Double(sessions), "cases": Double(cases), "leases": Double(leases.count),
                                  "record_call_p50_us": percentile(records, 0.5), "record_call_p99_us": percentile(records, 0.99),
                                  "leases_per_second": Double(leases.count) / max(seconds, 1e-9),
                                  "lease_commit_synchronous": mode == .synchronous ? 1 : 0]).emit()
        BenchmarkResult(name: "postgres.lease_\(phase)_no_double", value: Double(ids.count - distinct), unit: "cases leased twice",
                        target: "0", passed: distinct == ids.count && calledOnce == ids.count && calledMore == 0,
                        details: ["leases": Double(ids.count), "distinct_cases": Double(distinct),
                                  "server_cases_called_once": Double(calledOnce), "server_cases_called_more": Double(calledMore)]).emit()
    }
}
