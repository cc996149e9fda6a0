import FieldworkJournal
import FieldworkPostgres
import Foundation

/// Reads journals back from the survey's `journal_events` table, checking them exactly as a file
/// journal is checked: the rows of a case, in sequence order, are the lines of its journal file,
/// and `JournalReader` judges them (checksums, sequence gaps, wrong case). On top of that, each
/// row's own columns (case, sequence, checksum) must agree with its line.
public enum PostgresJournalReader {
    /// The journal of `caseID` as the bytes its file would hold: byte-identical to the file
    /// journal of the same records.
    public static func journalBytes(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String) throws -> [UInt8] {
        try rows(connection: connection, schema: schema, caseID: caseID).flatMap(\.line)
    }

    /// The records and problems of `caseID`'s journal (an unknown case is an empty journal).
    public static func read(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String) throws -> JournalReadResult {
        check(caseID: caseID, rows: try rows(connection: connection, schema: schema, caseID: caseID))
    }

    /// The highest sequence number stored for the case (0 when none).
    public static func lastSequence(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String) throws -> Int {
        let rows = try connection.execute("SELECT coalesce(max(seq), 0) AS last FROM \(schema.table("journal_events")) WHERE case_id = $1", [.text(caseID)])
        return rows[0].integer("last") ?? 0
    }

    /// Every case that has at least one event, sorted.
    public static func caseIDs(connection: PostgresConnection, schema: PostgresSurveySchema) throws -> [String] {
        try connection.execute("SELECT DISTINCT case_id FROM \(schema.table("journal_events")) ORDER BY case_id")
            .rows.compactMap { $0.text("case_id") }
    }

    /// Checks every journal in the table (what `verify` does for a survey on PostgreSQL): the
    /// result of each case that has events, in case order.
    public static func verifyAll(connection: PostgresConnection, schema: PostgresSurveySchema) throws -> [(caseID: String, result: JournalReadResult)] {
        let all = try connection.execute("SELECT case_id, seq, crc, line FROM \(schema.table("journal_events")) ORDER BY case_id, seq")
        var results: [(String, JournalReadResult)] = []
        var current: String?
        var batch: [EventRow] = []
        for row in all.rows {
            guard let event = EventRow(row) else { continue }
            if event.caseID != current {
                if let current { results.append((current, check(caseID: current, rows: batch))) }
                current = event.caseID
                batch = []
            }
            batch.append(event)
        }
        if let current { results.append((current, check(caseID: current, rows: batch))) }
        return results
    }

    struct EventRow {
        var caseID: String
        var seq: Int
        var crc: String
        var line: [UInt8]

        init?(_ row: PostgresRow) {
            guard let caseID = row.text("case_id"), let seq = row.integer("seq"), let crc = row.text("crc"),
                  let line = row.bytes("line") else { return nil }
            self.caseID = caseID
            self.seq = seq
            self.crc = crc
            self.line = line
        }
    }

    private static func rows(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String) throws -> [EventRow] {
        try connection.execute("SELECT case_id, seq, crc, line FROM \(schema.table("journal_events")) WHERE case_id = $1 ORDER BY seq",
                               [.text(caseID)]).rows.compactMap(EventRow.init)
    }

    /// The file-journal checks on the concatenated lines, plus the row-versus-line checks. A row is
    /// line N of the journal when it is the Nth row in sequence order.
    static func check(caseID: String, rows: [EventRow]) -> JournalReadResult {
        var bytes: [UInt8] = []
        var extra: [JournalProblem] = []
        for (index, row) in rows.enumerated() {
            let lineNumber = index + 1
            let body = row.line.last == UInt8(ascii: "\n") ? Array(row.line.dropLast()) : row.line
            if row.line.last != UInt8(ascii: "\n") || body.contains(UInt8(ascii: "\n")) {
                extra.append(JournalProblem(kind: .malformedLine, line: lineNumber,
                                            message: "the row of record \(row.seq) does not hold exactly one line; it was altered outside Fieldwork"))
            }
            if let stored = JournalLine.storedChecksum(of: row.line), stored != row.crc {
                extra.append(JournalProblem(kind: .checksumMismatch, line: lineNumber,
                                            message: "the row of record \(row.seq) has checksum column \(row.crc) but its line carries \(stored): the row was altered outside Fieldwork"))
            }
            bytes += body
            bytes.append(UInt8(ascii: "\n"))
        }
        var result = JournalReader.read(bytes: bytes, expectedCaseID: caseID)
        let parsedSeqs = Dictionary(result.records.map { ($0.line, $0.seq) }, uniquingKeysWith: { first, _ in first })
        for (index, row) in rows.enumerated() {
            if let seq = parsedSeqs[index + 1], seq != row.seq {
                extra.append(JournalProblem(kind: .duplicateSequence, line: index + 1,
                                            message: "the row's sequence column says \(row.seq) but its line is record \(seq): the row was altered outside Fieldwork"))
            }
        }
        result.problems = (result.problems + extra).sorted { $0.line < $1.line }
        return result
    }
}
