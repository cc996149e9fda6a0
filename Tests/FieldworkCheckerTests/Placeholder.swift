import Testing
@testable import FieldworkChecker

@Test func FieldworkCheckerBuilds() { #expect(true) }
