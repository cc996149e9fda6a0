import Testing
@testable import FieldworkExport

@Test func FieldworkExportBuilds() { #expect(true) }
