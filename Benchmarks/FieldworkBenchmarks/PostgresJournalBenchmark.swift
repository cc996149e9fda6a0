import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation

/// Journal append on PostgreSQL (one INSERT committed with synchronous_commit on) against the
/// local file journal (write + fdatasync), interleaved in the same run so both see the same disk
/// and load. Issue 18's target: p99 on the server within 2× the file journal's p99.
///
///     fieldwork-bench postgres --store postgresql://USER@HOST:PORT/DB   (or FIELDWORK_TEST_POSTGRES_URL)
///
/// The user must be able to create a schema and roles (the benchmark makes a throwaway survey and
/// drops it afterwards). Not part of `all`: it needs a server.
enum PostgresJournalBenchmark {
    private struct SampleAnswer: Codable {
        let question: String
        let value: Int
        let label: String
        let screen: Int
    }

    static func run(url: String?, quick: Bool) {
        guard let url, !url.isEmpty else {
            BenchmarkResult(name: "postgres.skipped", value: 0, unit: "give --store postgresql://… or set FIELDWORK_TEST_POSTGRES_URL").emit()
            return
        }
        do {
            try measure(url: url, iterations: quick ? 100 : 1_000)
        } catch {
            BenchmarkResult(name: "postgres.error", value: 0, unit: "\(error)").emit()
        }
    }

    private static func measure(url: String, iterations: Int) throws {
        let admin = try PostgresConnection(url, applicationName: "fieldwork-bench")
        let schema = try PostgresSurveySchema("bench" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12))
        try PostgresSurveySetup.run(on: admin, schema: schema)
        defer {
            _ = try? admin.execute("DROP SCHEMA \(schema.quoted) CASCADE")
            for role in PostgresSurveyRole.allCases { _ = try? admin.execute("DROP ROLE IF EXISTS \(schema.quotedRole(role))") }
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-bench-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let survey = try SurveyDirectory.create(at: root, questionnaireBytes: Data(#"{"id":"bench","version":"1"}"#.utf8),
                                                questionnaireID: "bench", version: "1")
        let holder = HolderInfo.current(interviewerID: "benchmark")
        let fileJournal = try CaseJournal.open(directory: survey, caseID: CaseID("BENCH-1"), holder: holder)
        let session = try PostgresConnection(url, applicationName: "fieldwork-bench")
        let serverJournal = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: "BENCH-1", holder: holder)
        let answer = SampleAnswer(question: "Q17_TURNOVER_BAND", value: 4, label: "£1m to £5m", screen: 17)
        var fileTimes: [Double] = [], serverTimes: [Double] = []
        for _ in 0..<iterations {
            let at = Date()
            var start = now()
            try fileJournal.append(kind: "answer", at: at, data: answer)
            fileTimes.append((now() - start) * 1e6)
            start = now()
            try serverJournal.append(kind: "answer", at: at, data: answer)
            serverTimes.append((now() - start) * 1e6)
        }
        fileJournal.close()
        serverJournal.close()
        // Same records, same bytes: the benchmark's two journals must agree.
        let fileBytes = try [UInt8](Data(contentsOf: survey.journalURL(for: CaseID("BENCH-1"))))
        let serverBytes = try PostgresJournalReader.journalBytes(connection: admin, schema: schema, caseID: "BENCH-1")
        guard fileBytes == serverBytes else {
            BenchmarkResult(name: "postgres.error", value: 0, unit: "the two journals differ").emit()
            return
        }
        fileTimes.sort()
        serverTimes.sort()
        let fileP99 = percentile(fileTimes, 0.99), serverP99 = percentile(serverTimes, 0.99)
        BenchmarkResult(name: "postgres.journal_append_p50", value: percentile(serverTimes, 0.5), unit: "µs",
                        details: ["file_journal_p50_us": percentile(fileTimes, 0.5), "appends": Double(iterations)]).emit()
        BenchmarkResult(name: "postgres.journal_append_p99", value: serverP99, unit: "µs", target: "≤ 2 × file journal p99",
                        passed: serverP99 <= 2 * fileP99,
                        details: ["file_journal_p99_us": fileP99, "ratio": serverP99 / max(fileP99, 1e-9), "appends": Double(iterations)]).emit()
    }
}
