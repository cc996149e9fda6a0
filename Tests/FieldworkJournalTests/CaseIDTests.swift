import Testing
@testable import FieldworkJournal

@Suite struct CaseIDTests {
    @Test(arguments: ["C001", "a", "case_2026-11.b", String(repeating: "x", count: 64), "0", "A-", "x..y"])
    func acceptsSafeIDs(_ candidate: String) throws {
        #expect(CaseID.validate(candidate) == nil)
        #expect(try CaseID(candidate).rawValue == candidate)
    }

    @Test(arguments: [
        ("../x", "start with '.'"), ("x/../y", "'/'"), ("a/b", "'/'"), ("", "empty"), (".hidden", "start with '.'"), ("..", "start with '.'"),
        (String(repeating: "x", count: 65), "at most 64"), ("a\u{0}b", "NUL"), ("a b", "space"),
        ("café", "byte 0x"), ("a\\b", "'\\'"), ("C:1", "':'"),
    ])
    func rejectsUnsafeIDsWithReason(_ candidate: String, _ reasonFragment: String) {
        let reason = CaseID.validate(candidate)
        #expect(reason != nil)
        #expect(reason?.contains(reasonFragment) == true, "reason was \(reason ?? "nil")")
        #expect(throws: JournalError.invalidCaseID(candidate, reason: reason ?? "")) { try CaseID(candidate) }
    }
}
