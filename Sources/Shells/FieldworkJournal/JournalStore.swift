import Foundation

/// Where a survey's case journals are kept, seen by the commands that read or write them: the
/// survey directory's `journals/` files (`SurveyDirectory`), or the survey's events table on
/// PostgreSQL (`PostgresJournalStore` in FieldworkPostgresStore). `SurveyStores` (FieldworkSurveyStores)
/// picks one from the directory's `store.json`; nothing else needs to know which.
///
/// Both hand out a case's journal as the bytes its file would hold (the same lines, in order), so
/// every reader (`CaseHistory`, `InterviewStanding`, `JournalReader`) checks them the same way.
public protocol JournalStore: Sendable {
    /// Where the journals are, for messages: a directory path, or a server URL and schema.
    var journalLocation: String { get }

    /// The id of every case that has a journal, sorted. Ids are as found (a directory may hold a
    /// file whose name is not a valid case id; `CaseID.validate` tells).
    func journalCaseIDs() throws -> [String]

    /// The journal of `caseID` as its file would hold it; empty when the case has none.
    func journalBytes(caseID: String) throws -> [UInt8]

    /// Opens the journal of `caseID` for writing, exclusively, on behalf of `holder`. Throws
    /// `JournalError.caseLocked` naming the holder when another session has the case.
    func openJournal(caseID: CaseID, holder: HolderInfo) throws -> any JournalWriter

    /// Who has the case open now, or nil when nobody does (or it cannot be told).
    func currentHolder(caseID: CaseID) -> HolderInfo?

    /// Every journal checked line by line (and, on a server, row against line), for `verify`.
    func checkJournals() throws -> [SurveyVerification.Journal]
}

extension JournalStore {
    /// The case's history read from its journal (an absent journal is an empty history).
    public func history(caseID: String) throws -> CaseHistory {
        try CaseHistory.read(journalBytes: journalBytes(caseID: caseID), caseID: caseID)
    }
}

extension SurveyDirectory: JournalStore {
    public var journalLocation: String { root.path }

    public func journalCaseIDs() throws -> [String] {
        try journalFiles().map(\.caseID).sorted()
    }

    public func journalBytes(caseID: String) throws -> [UInt8] {
        // The file's place comes from the valid id; a file under an invalid name is found by listing.
        if let id = try? CaseID(caseID) {
            return try PosixFile.readAllIfPresent(journalURL(for: id).path) ?? []
        }
        guard let file = try journalFiles().first(where: { $0.caseID == caseID }) else { return [] }
        return try PosixFile.readAllIfPresent(file.url.path) ?? []
    }

    public func openJournal(caseID: CaseID, holder: HolderInfo) throws -> any JournalWriter {
        try CaseJournal.open(directory: self, caseID: caseID, holder: holder)
    }

    public func currentHolder(caseID: CaseID) -> HolderInfo? {
        CaseJournal.currentHolder(directory: self, caseID: caseID)
    }

    public func checkJournals() throws -> [SurveyVerification.Journal] {
        try journalFiles().map(SurveyVerification.check)
    }
}
