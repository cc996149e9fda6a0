import Testing
@testable import FieldworkJournal

@Test func FieldworkJournalBuilds() { #expect(true) }
