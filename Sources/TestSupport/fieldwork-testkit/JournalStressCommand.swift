import ArgumentParser
import FieldworkJournal
import Foundation

/// `fieldwork-testkit journal-stress`: appends records as fast as durability allows and prints `ACK <seq>`
/// after each one is on disk. Used by the crash and full-disk tests, which kill it at random
/// and then check that every acknowledged record can be read back.
struct JournalStressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal-stress",
        abstract: "Append test records to one case, acknowledging each durable write (for crash tests)."
    )

    @Option(name: .long, help: "The survey directory.")
    var data: String = "."

    @Option(name: .customLong("case"), help: "The case to write to.")
    var caseID: String

    @Option(name: .long, help: "How many records to append.")
    var count: Int = 1000

    @Option(name: .long, help: "Bytes of padding in each record's data.")
    var payloadBytes: Int = 64

    private struct StressPayload: Encodable {
        let i: Int
        let pad: String
    }

    func run() throws {
        try TestKitFailure.reporting(stress)
    }

    private func stress() throws {
        do {
            let survey = try SurveyDirectory.open(at: URL(fileURLWithPath: data))
            let journal = try CaseJournal.open(directory: survey, caseID: CaseID(caseID),
                                               holder: HolderInfo.current(interviewerID: "journal-stress"))
            defer { journal.close() }
            let pad = String(repeating: "x", count: max(0, payloadBytes))
            let output = FileHandle.standardOutput
            for index in 0..<max(0, count) {
                let record = try journal.append(kind: "stress", data: StressPayload(i: index, pad: pad))
                // write(2) straight to the descriptor: nothing sits in a buffer when the process is killed.
                output.write(Data("ACK \(record.seq)\n".utf8))
            }
            output.write(Data("DONE\n".utf8))
        }
    }
}
