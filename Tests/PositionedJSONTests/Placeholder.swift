import Testing
@testable import PositionedJSON

@Test func PositionedJSONBuilds() { #expect(true) }
