import Foundation

/// A health check of a whole survey directory: every pinned questionnaire against its hash and
/// every journal line by line. Backs `fieldwork verify`; reads only, never repairs.
public struct SurveyVerification: Codable, Sendable, Equatable {
    public struct Questionnaire: Codable, Sendable, Equatable {
        public var sha256: String
        public var id: String
        public var version: String
        public var current: Bool
        /// Nil when the pinned file is present and matches its hash.
        public var problem: String?
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var kind: String
        public var line: Int
        public var message: String
        public var corruption: Bool

        public init(kind: String, line: Int, message: String, corruption: Bool) {
            self.kind = kind
            self.line = line
            self.message = message
            self.corruption = corruption
        }
    }

    public enum Status: String, Codable, Sendable {
        case complete
        /// Closed without completing: at an end item or stopped by the interviewer.
        case ended
        case inProgress = "in progress"
        case empty
    }

    public struct Journal: Codable, Sendable, Equatable {
        public var caseID: String
        public var file: String
        public var records: Int
        public var lastSeq: Int
        public var status: Status
        public var tornTail: Bool
        public var checksumFailures: Int
        public var sequenceGaps: Int
        /// True when anything beyond a crash trace is wrong with the file.
        public var corrupt: Bool
        public var problems: [Problem]

        public init(caseID: String, file: String, records: Int, lastSeq: Int, status: Status, tornTail: Bool,
                    checksumFailures: Int, sequenceGaps: Int, corrupt: Bool, problems: [Problem]) {
            self.caseID = caseID
            self.file = file
            self.records = records
            self.lastSeq = lastSeq
            self.status = status
            self.tornTail = tornTail
            self.checksumFailures = checksumFailures
            self.sequenceGaps = sequenceGaps
            self.corrupt = corrupt
            self.problems = problems
        }

        /// A journal's entry from what reading it found (`place`: its file, or its rows on a server).
        public init(caseID: String, place: String, read result: JournalReadResult, extraProblems: [Problem] = []) {
            let problems = extraProblems + result.problems.map {
                Problem(kind: $0.kind.rawValue, line: $0.line, message: $0.message, corruption: $0.isCorruption)
            }
            let status: Status = result.isComplete ? .complete : result.isEnded ? .ended : (result.records.isEmpty ? .empty : .inProgress)
            self.init(caseID: caseID, file: place, records: result.records.count, lastSeq: result.lastSequence, status: status,
                      tornTail: result.problems.contains { $0.kind == .tornTail },
                      checksumFailures: result.problems.filter { $0.kind == .checksumMismatch }.count,
                      sequenceGaps: result.problems.filter { $0.kind == .sequenceGap }.count,
                      corrupt: problems.contains { $0.corruption }, problems: problems)
        }

        enum CodingKeys: String, CodingKey {
            case caseID = "case", file, records, lastSeq, status, tornTail, checksumFailures, sequenceGaps, corrupt, problems
        }
    }

    public struct Summary: Codable, Sendable, Equatable {
        public var journals = 0
        public var records = 0
        public var complete = 0
        public var ended = 0
        public var inProgress = 0
        public var empty = 0
        public var tornTails = 0
        public var corruptJournals = 0
        public var damagedQuestionnaires = 0
    }

    public var directory: String
    /// Where the journals are when not in the directory (a survey on PostgreSQL); nil otherwise.
    public var journalsOn: String?
    /// False when any journal is corrupt or any pinned questionnaire is damaged.
    public var ok: Bool
    public var questionnaires: [Questionnaire]
    public var journals: [Journal]
    public var summary: Summary

    /// Checks `survey`, its journals where the survey keeps them (`journals`: the directory itself,
    /// or the server named by its `store.json`). Throws only when the survey cannot be read.
    public static func run(_ survey: SurveyDirectory, journals store: (any JournalStore)? = nil) throws -> SurveyVerification {
        let manifest = try survey.readManifest()
        var summary = Summary()
        let questionnaires = manifest.questionnaires.map { pinned in
            var problem: String?
            do {
                _ = try survey.questionnaireBytes(sha256: pinned.sha256)
            } catch {
                problem = String(describing: error)
                summary.damagedQuestionnaires += 1
            }
            return Questionnaire(sha256: pinned.sha256, id: pinned.id, version: pinned.version,
                                 current: pinned.sha256 == manifest.currentQuestionnaire, problem: problem)
        }

        let journals = try (store ?? survey).checkJournals()
        for journal in journals {
            summary.journals += 1
            summary.records += journal.records
            switch journal.status {
            case .complete: summary.complete += 1
            case .ended: summary.ended += 1
            case .inProgress: summary.inProgress += 1
            case .empty: summary.empty += 1
            }
            if journal.tornTail { summary.tornTails += 1 }
            if journal.corrupt { summary.corruptJournals += 1 }
        }
        let elsewhere = store.map(\.journalLocation).flatMap { $0 == survey.journalLocation ? nil : $0 }
        return SurveyVerification(directory: survey.root.path, journalsOn: elsewhere,
                                  ok: summary.corruptJournals == 0 && summary.damagedQuestionnaires == 0,
                                  questionnaires: questionnaires, journals: journals, summary: summary)
    }

    static func check(_ file: SurveyDirectory.JournalFile) throws -> Journal {
        var problems: [Problem] = []
        let validID = CaseID.validate(file.caseID) == nil
        if let reason = CaseID.validate(file.caseID) {
            problems.append(Problem(kind: "invalid-file-name", line: 0, message: "the file name is not a valid case id: \(reason)", corruption: true))
        } else if let id = try? CaseID(file.caseID), SurveyDirectory.shard(for: id) != file.shard {
            problems.append(Problem(kind: "misplaced-file", line: 0,
                                    message: "the journal is in shard \(file.shard) but belongs in \(SurveyDirectory.shard(for: id)); fieldwork will not find it there",
                                    corruption: true))
        }
        let result = try JournalReader.read(fileAt: file.url, expectedCaseID: validID ? file.caseID : nil)
        return Journal(caseID: file.caseID, place: file.url.path, read: result, extraProblems: problems)
    }
}
