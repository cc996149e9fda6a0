import Testing
@testable import FieldworkCases

@Test func FieldworkCasesBuilds() { #expect(true) }
