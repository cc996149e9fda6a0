import FieldworkJournal
import FieldworkPostgres
import Foundation

/// Moves journals between a survey directory and a survey on PostgreSQL, line for line: the bytes
/// of every acknowledged record are carried unchanged, so the journals on both sides (and exports
/// made from them) are byte-identical.
///
/// Both directions check everything before writing anything: a damaged journal at the source, or
/// a case that already has a journal at the destination, stops the copy with nothing written.
/// Crash traces at the source (a torn tail, an interrupted write) are left out, as every reader
/// leaves them out.
public enum PostgresJournalCopy {
    public struct Summary: Sendable, Equatable {
        public var journals = 0
        public var records = 0
        /// Cases whose source journal ended in a crash trace that was left out.
        public var crashTracesLeftOut: [String] = []
    }

    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case damagedAtSource([String])
        case alreadyAtDestination([String])

        public var description: String {
            switch self {
            case let .damagedAtSource(cases):
                return "nothing was copied: the journals of \(listed(cases)) are damaged at the source; run verify there and restore them from a backup first"
            case let .alreadyAtDestination(cases):
                return "nothing was copied: \(listed(cases)) already \(cases.count == 1 ? "has a journal" : "have journals") at the destination; copy into an empty survey"
            }
        }

        private func listed(_ cases: [String]) -> String {
            let shown = cases.prefix(10).joined(separator: ", ")
            return cases.count > 10 ? "\(shown) and \(cases.count - 10) more" : shown
        }
    }

    /// Copies every journal of `directory` into the survey `schema` on the server, in one transaction.
    public static func copy(from directory: SurveyDirectory, to connection: PostgresConnection,
                            schema: PostgresSurveySchema) throws -> Summary {
        var summary = Summary()
        var copies: [(caseID: String, lines: [[UInt8]])] = []
        var damaged: [String] = []
        for file in try directory.journalFiles().sorted(by: { $0.caseID < $1.caseID }) {
            let caseID = try CaseID(file.caseID)
            let (lines, read) = try directory.acknowledgedLines(of: caseID)
            if read.hasCorruption { damaged.append(file.caseID); continue }
            if !read.problems.isEmpty { summary.crashTracesLeftOut.append(file.caseID) }
            if !lines.isEmpty { copies.append((file.caseID, lines)) }
        }
        guard damaged.isEmpty else { throw Refusal.damagedAtSource(damaged) }
        let present = Set(try PostgresJournalReader.caseIDs(connection: connection, schema: schema))
        let clashes = copies.map(\.caseID).filter(present.contains)
        guard clashes.isEmpty else { throw Refusal.alreadyAtDestination(clashes) }

        let events = schema.table("journal_events")
        try connection.transaction { connection in
            for (caseID, lines) in copies {
                for line in lines {
                    let parsed = JournalReader.read(bytes: line, expectedCaseID: caseID)
                    guard let record = parsed.records.first else { continue }
                    try connection.execute("""
                        INSERT INTO \(events) (case_id, seq, at, kind, line, crc) VALUES ($1, $2, $3::timestamptz, $4, $5, $6)
                        """, [.text(caseID), .integer(record.seq), .text(JournalTimestamp.format(record.at)), .text(record.kind),
                              .bytes(line), .text(JournalLine.storedChecksum(of: line) ?? "")])
                    summary.records += 1
                }
                summary.journals += 1
            }
        }
        return summary
    }

    /// Copies every journal of the survey `schema` on the server into `directory` (made by
    /// `fieldwork init` with the same questionnaire).
    public static func copy(from connection: PostgresConnection, schema: PostgresSurveySchema,
                            to directory: SurveyDirectory) throws -> Summary {
        var summary = Summary()
        let all = try connection.execute("SELECT case_id, seq, crc, line FROM \(schema.table("journal_events")) ORDER BY case_id, seq")
        var byCase: [(String, [PostgresJournalReader.EventRow])] = []
        for row in all.rows {
            guard let event = PostgresJournalReader.EventRow(row) else { continue }
            if byCase.last?.0 == event.caseID { byCase[byCase.count - 1].1.append(event) } else { byCase.append((event.caseID, [event])) }
        }
        var damaged: [String] = [], clashes: [String] = []
        for (caseID, rows) in byCase {
            if PostgresJournalReader.check(caseID: caseID, rows: rows).hasCorruption { damaged.append(caseID) }
            if let id = try? CaseID(caseID), FileManager.default.fileExists(atPath: directory.journalURL(for: id).path) { clashes.append(caseID) }
        }
        guard damaged.isEmpty else { throw Refusal.damagedAtSource(damaged) }
        guard clashes.isEmpty else { throw Refusal.alreadyAtDestination(clashes) }
        for (caseID, rows) in byCase {
            try directory.writeCopiedJournal(caseID: CaseID(caseID), lines: rows.map(\.line))
            summary.journals += 1
            summary.records += rows.count
        }
        return summary
    }
}
