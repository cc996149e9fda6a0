import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SurveyDirectory {
    /// The acknowledged lines of a case's journal file, each with its newline, exactly as stored:
    /// what a copy to another store carries. A torn tail or an interrupted write (crash traces,
    /// never acknowledged) is left out; any other damage is refused with the reader's problems, so a
    /// copy never carries altered data silently (run `fieldwork verify` to see them).
    public func acknowledgedLines(of caseID: CaseID) throws -> (lines: [[UInt8]], read: JournalReadResult) {
        let path = journalURL(for: caseID).path
        guard let bytes = try PosixFile.readAllIfPresent(path) else { return ([], JournalReadResult()) }
        let read = JournalReader.read(bytes: bytes, expectedCaseID: caseID.rawValue)
        let ranges = JournalReader.splitLines(bytes)
        let lines = read.records.map { record in Array(bytes[ranges[record.line - 1]]) + [RecordLine.newline] }
        return (lines, read)
    }

    /// Writes a case's journal from lines copied from another store (each a complete record with
    /// its newline), as a new file: refused when the case already has a journal here, so a copy
    /// never merges into or overwrites recorded data. The file is 0600 and on disk (file and
    /// folder synced) when this returns.
    public func writeCopiedJournal(caseID: CaseID, lines: [[UInt8]]) throws {
        let shardPath = shardURL(for: caseID).path
        let shardExisted = PosixFile.isDirectory(shardPath)
        try PosixFile.makeDirectory(shardPath)
        if !shardExisted { try PosixFile.syncDirectory(journalsURL.path) }
        let path = journalURL(for: caseID).path
        let fd = try PosixFile.openFile(path, flags: O_WRONLY | O_CREAT | O_EXCL | O_APPEND, operation: "create copied journal")
        defer { PosixFile.closeDescriptor(fd) }
        let bytes = lines.flatMap { $0 }
        if let code = PosixFile.writeAll(fd, bytes).errno ?? PosixFile.dataSync(fd) {
            throw PosixFile.fail("write copied journal", path, code)
        }
        try PosixFile.syncDirectory(shardPath)
    }
}
