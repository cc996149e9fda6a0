import Testing
@testable import FieldworkExpressions

@Test func FieldworkExpressionsBuilds() { #expect(true) }
