import Foundation
import Testing
@testable import FieldworkJournal
#if canImport(Glibc)
import Glibc
#endif

/// The built `fieldwork-testkit` binary (its `journal-stress` driver), if this test run can find
/// one: $FIELDWORK_TESTKIT_BIN, next to $FIELDWORK_BIN, or next to the test bundle in the build
/// folder (present once `swift build` has run).
private let testkitBinary: URL? = {
    var candidates: [URL] = []
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["FIELDWORK_TESTKIT_BIN"] {
        candidates.append(URL(fileURLWithPath: explicit))
    }
    if let fieldwork = environment["FIELDWORK_BIN"] {
        candidates.append(URL(fileURLWithPath: fieldwork).deletingLastPathComponent().appendingPathComponent("fieldwork-testkit"))
    }
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("fieldwork-testkit"))
        folder = folder.deletingLastPathComponent()
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
}()

@Suite struct ChildProcessLockTests {
    @Test(.enabled(if: testkitBinary != nil, "the fieldwork-testkit binary has not been built"))
    func anotherProcessHoldingTheCaseIsNamedAndItsDeathFreesTheCase() throws {
        let binary = try #require(testkitBinary)
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let child = Process()
        child.executableURL = binary
        child.arguments = ["journal-stress", "--data", survey.root.path, "--case", "C9", "--count", "100000000"]
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        // Wait until the child has acknowledged a record, so it certainly holds the lock.
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ACK 1\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk
        }
        #expect(String(decoding: seen, as: UTF8.self).contains("ACK 1\n"))

        let error = #expect(throws: JournalError.self) {
            try CaseJournal.open(directory: survey, caseID: CaseID("C9"), holder: testHolder)
        }
        guard case .caseLocked(let caseID, let holder)? = error else {
            Issue.record("expected caseLocked, got \(String(describing: error))")
            return
        }
        #expect(caseID == "C9")
        #expect(holder?.pid == child.processIdentifier)
        #expect(holder?.interviewerID == "journal-stress")
        #expect(holder?.hostname == HolderInfo.currentHostname())

        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        let journal = try CaseJournal.open(directory: survey, caseID: CaseID("C9"), holder: testHolder)
        #expect(journal.existing.records.count >= 1)
        #expect(!journal.existing.hasCorruption)
        let next = try journal.append(kind: "answer", data: Answer(question: "after", value: 1))
        #expect(next.seq == journal.existing.lastSequence + 1)
        journal.close()
    }
}
