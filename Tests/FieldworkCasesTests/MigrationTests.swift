import Foundation
import GRDB
import Testing
@testable import FieldworkCases

@Suite struct MigrationTests {
    /// A store written before migration v2 opens, gains the new columns, and gets interim codes
    /// and last outcomes from its existing rows.
    @Test func aVersionOneStoreMigrates() throws {
        let directory = try temporaryDirectory()
        let path = directory.appendingPathComponent(SQLiteCaseStore.fileName).path
        do {
            let queue = try DatabaseQueue(path: path)
            try CaseDatabaseSchema.migrator().migrate(queue, upTo: "v1")
            try queue.write { db in
                for (seq, id) in ["Fresh", "Machine", "Gate", "Refused", "Done"].enumerated() {
                    try db.execute(sql: """
                        INSERT INTO cases (seq, id, fields, status, tier, queue, due_at, next_eligible_at, imported_at, import_source)
                        VALUES (?, ?, '{}', 'fresh', 2, 2, 0, 0, 0, 'old.csv')
                        """, arguments: [seq + 1, id])
                }
                func attempt(_ seq: Int, _ number: Int, _ outcome: CallOutcome, status: String, final: String? = nil) throws {
                    try db.execute(sql: """
                        INSERT INTO attempts (case_seq, number, at, interviewer, outcome, note, part_of_day, resulting_status, final_code)
                        VALUES (?, ?, 0, 'old', ?, '', 'morning', ?, ?)
                        """, arguments: [seq, number, outcome.rawValue, status, final])
                    try db.execute(sql: "UPDATE cases SET status = ?, final_code = ?, attempts = ?, tier = ?, queue = ? WHERE seq = ?",
                                   arguments: [status, final, number, final == nil ? 3 : nil, final == nil ? 3 : nil, seq])
                }
                try attempt(2, 1, .answeringMachineMessageLeft, status: "retry")
                try attempt(3, 1, .gatekeeperCallBack, status: "retry")
                try db.execute(sql: "UPDATE cases SET ever_eligible = 1 WHERE seq = 3")
                try attempt(4, 1, .softRefusal, status: "refusal-conversion")
                try db.execute(sql: "UPDATE cases SET ever_eligible = 1, soft_refusals = 1 WHERE seq = 4")
                try attempt(5, 1, .interviewComplete, status: "complete", final: "1.1")
            }
        }
        let store = try SQLiteCaseStore(path: path)
        let expected = ["Fresh": "3.11", "Machine": "3.14", "Gate": "2.21", "Refused": "2.11"]
        for (id, code) in expected {
            #expect(try store.caseDetail(id: id)?.interimDisposition?.code == code, "\(id)")
        }
        let done = try #require(try store.caseDetail(id: "Done"))
        #expect(done.interimDisposition == nil)
        #expect(done.finalDisposition?.code == "1.1")
        #expect(done.attempts.first?.dispositionRule == nil)
        #expect(try store.statusCounts(now: Date()).byInterimDisposition.values.reduce(0, +) == 4)
        // The migrated store keeps working: a new call updates the interim code.
        try store.record("Machine", .gatekeeperCallBack, at: at("2025-10-20T10:00"))
        #expect(try store.caseDetail(id: "Machine")?.interimDisposition?.code == "2.21")
    }
}
