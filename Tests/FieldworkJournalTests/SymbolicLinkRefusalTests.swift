import Foundation
import Testing
@testable import FieldworkJournal
#if canImport(Glibc)
import Glibc
#endif

/// Files in a survey directory are never opened through a symbolic link (`O_NOFOLLOW`): a journal
/// or lock file swapped for a link to a file elsewhere is refused with a message saying so, and the
/// file the link points at is left as it was.
@Suite struct SymbolicLinkRefusalTests {
    private func plantLink(at url: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: target)
    }

    @Test func aJournalThatIsASymbolicLinkIsNotOpened() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let outside = temp.path("outside.txt")
        try Data("untouched\n".utf8).write(to: outside)
        let id = try CaseID("C001")
        try plantLink(at: survey.journalURL(for: id), to: outside)
        let error = #expect(throws: JournalError.self) {
            try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        }
        guard case .system(_, _, let code) = error else {
            Issue.record("expected a system error, got \(String(describing: error))")
            return
        }
        #expect(code == ELOOP)
        #expect(error?.description.contains("symbolic link") == true)
        #expect(try String(contentsOf: outside, encoding: .utf8) == "untouched\n")
    }

    @Test func aLockFileThatIsASymbolicLinkIsNotOpened() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let outside = temp.path("outside.lock")
        try Data("untouched\n".utf8).write(to: outside)
        let id = try CaseID("C002")
        try plantLink(at: survey.lockURL(for: id), to: outside)
        #expect(throws: JournalError.self) {
            try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        }
        #expect(try String(contentsOf: outside, encoding: .utf8) == "untouched\n")
        #expect(!FileManager.default.fileExists(atPath: survey.journalURL(for: id).path))
    }

    @Test func aDanglingLinkCreatesNothingWhereItPoints() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let nowhere = temp.path("created-through-the-link.jsonl")
        let id = try CaseID("C003")
        try plantLink(at: survey.journalURL(for: id), to: nowhere)
        #expect(throws: JournalError.self) {
            try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        }
        #expect(!FileManager.default.fileExists(atPath: nowhere.path))
    }
}
