import FieldworkEngine
import Foundation
import Testing
@testable import FieldworkJournal

/// The seed and language events as the recorder writes them, read back by the export's decoder.
@Suite struct SeedAndLanguageEventTests {
    @Test(arguments: [InterviewEvent.seeded(0), .seeded(9_007_199_254_740_991), .seeded(123_456_789), .languageChosen("pl"),
                      .languageChosen("cy")])
    func theJournalReadsBackWhatTheRecorderWrites(_ event: InterviewEvent) throws {
        let bytes = Array(try JournalCoding.makeEncoder().encode(event))
        let decoded = try bytes.withUnsafeBufferPointer { try EventDecoding.event(from: $0) }
        #expect(decoded == event)
        let general = try bytes.withUnsafeBufferPointer { try EventDecoding.generalEvent(from: $0) }
        #expect(general == event)
    }

    @Test(arguments: [#"{"type":"seed"}"#, #"{"seed":-1,"type":"seed"}"#, #"{"seed":9007199254740992,"type":"seed"}"#,
                      #"{"seed":"12","type":"seed"}"#, #"{"type":"language"}"#, #"{"language":"","type":"language"}"#])
    func damagedEventsAreRefusedWithAReason(_ text: String) {
        let bytes = Array(text.utf8)
        let result = Result(catching: { try bytes.withUnsafeBufferPointer { try EventDecoding.event(from: $0) } })
        guard case .failure(let error) = result else {
            Issue.record("\(text) was read as an event")
            return
        }
        #expect(!"\(error)".isEmpty)
    }
}
