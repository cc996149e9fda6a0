import Testing
@testable import FieldworkEngine

@Test func FieldworkEngineBuilds() { #expect(true) }
