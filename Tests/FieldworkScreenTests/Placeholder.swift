import Testing
@testable import FieldworkScreen

@Test func FieldworkScreenBuilds() { #expect(true) }
