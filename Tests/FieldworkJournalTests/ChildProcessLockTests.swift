import Foundation
import Testing
@testable import FieldworkJournal
#if canImport(Glibc)
import Glibc
#endif

/// The built `fieldwork` binary, if this test run can find one: $FIELDWORK_BIN, or next to the test
/// bundle in the build folder (present once `swift build --product fieldwork` has run).
private let fieldworkBinary: URL? = {
    var candidates: [URL] = []
    if let explicit = ProcessInfo.processInfo.environment["FIELDWORK_BIN"] {
        candidates.append(URL(fileURLWithPath: explicit))
    }
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(folder.appendingPathComponent("fieldwork"))
        folder = folder.deletingLastPathComponent()
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
}()

@Suite struct ChildProcessLockTests {
    @Test(.enabled(if: fieldworkBinary != nil, "the fieldwork binary has not been built"))
    func anotherProcessHoldingTheCaseIsNamedAndItsDeathFreesTheCase() throws {
        let binary = try #require(fieldworkBinary)
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
