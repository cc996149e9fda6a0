import FieldworkChecker
import FieldworkDiagnostics
import Testing

/// Typos in loop item names and codes, loop passes that do not exist, and hard checks that no
/// answer can pass.
@Suite struct LoopItemAndCheckTests {
    func loopOverCrimes(_ inner: String) -> String {
        checkerQuestionnaire("""
              {"type": "multiple", "id": "victim", "text": "Which?", "codeFrame": "crimes", "allowDontKnow": false},
              {"type": "loop", "id": "each", "forEach": "victim", "items": [
        \(inner)
              ]}
        """)
    }

    @Test func aMisspeltItemNameIsAnErrorWithASuggestion() throws {
        let json = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.name == 'burglery'"}"#)
        let d = try expectDiagnostic(.init(stringLiteral: "FW331"), in: diagnose(json).1, severity: .error)
        expectAt(d, position(of: "'burglery'", in: json))
        #expect(d.message.contains("did you mean 'burglary'"))
        #expect(d.message.contains("\"victim\""))
    }

    @Test func aMisspeltNameInAListIsAnErrorToo() throws {
        let json = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.name in ['fraud', 'burglery']"}"#)
        let d = try expectDiagnostic(.init(stringLiteral: "FW331"), in: diagnose(json).1, severity: .error)
        expectAt(d, position(of: "'burglery'", in: json))
    }

    @Test func anItemCodeThatIsNoOptionIsAnError() throws {
        let json = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.code != 99"}"#)
        let d = try expectDiagnostic(.init(stringLiteral: "FW330"), in: diagnose(json).1, severity: .error)
        expectAt(d, position(of: "99", in: json))
        #expect(d.message.contains("1, 2"))
    }

    @Test func realItemNamesAndCodesAreFine() {
        let json = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.name == 'fraud' or item.code == 1 or item.name in ['burglary']"}"#)
        #expect(diagnose(json).1.filter { $0.severity == .error }.isEmpty)
    }

    @Test func anItemIndexBeyondTheLastPassIsNeverTrue() throws {
        let json = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.index > 2"}"#)
        let d = try expectDiagnostic(.init(stringLiteral: "FW353"), in: diagnose(json).1, severity: .warning)
        expectAt(d, position(of: "item.index > 2", in: json))
        let fine = loopOverCrimes(#"        {"type": "text", "id": "how", "text": "How?", "askIf": "item.index == 2"}"#)
        #expect(!diagnose(fine).1.contains { $0.code.rawValue == "FW353" })
    }

    @Test func countedLoopsBoundTheirIndexToo() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 3, "allowDontKnow": false},
              {"type": "loop", "id": "each", "count": "n", "max": 5, "items": [
                {"type": "text", "id": "what", "text": "What?", "askIf": "item.index >= 4"}
              ]}
        """)
        let d = try expectDiagnostic(.init(stringLiteral: "FW353"), in: diagnose(json).1, severity: .warning)
        #expect(d.message.contains("between 1 and 3"))
    }

    @Test func aHardCheckThatIsAlwaysFalseIsAnError() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 500, "checks": [
                {"id": "c", "require": "1 == 2", "message": "m"}
              ]}
        """)
        let d = try expectDiagnostic(.impossibleHardCheck, in: diagnose(json).1, severity: .error)
        expectAt(d, position(of: "1 == 2", in: json))
        #expect(diagnose(json).0 == nil)
    }

    @Test func aHardCheckOutsideTheQuestionsOwnRangeIsAnError() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 500, "checks": [
                {"id": "big", "require": "staff > 1000", "message": "m"}
              ]}
        """)
        let d = try expectDiagnostic(.impossibleHardCheck, in: diagnose(json).1, severity: .error)
        #expect(d.message.contains("between 0 and 500"))
        let contradiction = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "checks": [
                {"id": "odd", "require": "staff > 10 and staff < 5", "message": "m"}
              ]}
        """)
        try expectDiagnostic(.impossibleHardCheck, in: diagnose(contradiction).1, severity: .error)
    }

    @Test func softChecksAndChecksWithAWayOutStayWarningsOrClean() {
        let soft = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 500, "checks": [
                {"id": "big", "severity": "soft", "require": "staff > 1000", "message": "m"}
              ]}
        """)
        #expect(!diagnose(soft).1.contains { $0.code == .impossibleHardCheck })
        let wayOut = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "min": 0, "max": 500, "checks": [
                {"id": "big", "require": "staff > 1000 or staff < 400", "message": "m"}
              ]}
        """)
        #expect(!diagnose(wayOut).1.contains { $0.code == .impossibleHardCheck })
    }
}
