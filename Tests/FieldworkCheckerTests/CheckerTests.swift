import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing

@Suite("Checker")
struct CheckerTests {
    @Test func cleanQuestionnaireCompiles() throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"},
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes", "askIf": "trading == 'yes'"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        let i = try #require(inst)
        #expect(i.questions.map(\.question.id) == ["trading", "crimes"])
        #expect(i.variables.map(\.name).suffix(3) == ["trading", "crimes_burglary", "crimes_fraud"])
    }

    @Test func duplicateQuestionIDPointsAtTheSecondAndNamesTheFirstLine() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "integer", "id": "staff", "text": "Staff again?"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.duplicateID, in: diagnostics, severity: .error)
        expectAt(d, position(of: #"{"type": "integer", "id": "staff""#, in: json, occurrence: 2))
        let first = try #require(position(of: #"{"type": "integer", "id": "staff""#, in: json))
        #expect(d.message.contains("line \(first.line)"))
    }

    @Test func duplicateOptionCodeAndName() throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "q", "text": "Q?", "options": [
                {"code": 1, "name": "a", "label": "A"},
                {"code": 1, "name": "a", "label": "B"}
              ]}
        """)
        let (_, diagnostics) = diagnose(json)
        let code = try expectDiagnostic(.duplicateOptionCode, in: diagnostics)
        try expectDiagnostic(.duplicateOptionName, in: diagnostics)
        expectAt(code, position(of: #"{"code": 1, "name": "a", "label": "B"}"#, in: json))
    }

    @Test func forwardReferenceInAskIfPointsAtTheName() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "askIf": "size > 3"},
              {"type": "integer", "id": "size", "text": "Size?"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.forwardReference, in: diagnostics, severity: .error)
        expectAt(d, position(of: "size > 3", in: json))
        #expect(d.message.contains("asked later"))
    }

    @Test func forEachOverANonMultipleQuestionIsALoopSourceError() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "loop", "id": "each", "forEach": "staff", "items": [
                {"type": "text", "id": "name", "text": "Name?"}
              ]}
        """)
        let (_, diagnostics) = diagnose(json)
        let d = try expectDiagnostic(.badLoopSource, in: diagnostics, severity: .error)
        expectAt(d, position(of: #""forEach": "staff""#, in: json, plus: 11))
        #expect(d.message.contains("use \"count\""))
    }

    @Test func countOverANonIntegerQuestionIsALoopSourceError() throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"},
              {"type": "loop", "id": "each", "count": "trading", "items": [
                {"type": "text", "id": "name", "text": "Name?"}
              ]}
        """)
        let (_, diagnostics) = diagnose(json)
        let d = try expectDiagnostic(.badLoopSource, in: diagnostics, severity: .error)
        #expect(d.message.contains("integer"))
    }

    @Test func loopOverALaterQuestionOrAMissingOne() throws {
        let later = checkerQuestionnaire("""
              {"type": "loop", "id": "each", "forEach": "crimes", "items": [
                {"type": "text", "id": "name", "text": "Name?"}
              ]},
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"}
        """)
        try expectDiagnostic(.forwardReference, in: diagnose(later).1)
        let missing = checkerQuestionnaire("""
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"},
              {"type": "loop", "id": "each", "forEach": "crime", "items": [
                {"type": "text", "id": "name", "text": "Name?"}
              ]}
        """)
        let d = try expectDiagnostic(.undefinedReference, in: diagnose(missing).1)
        #expect(d.message.contains("did you mean \"crimes\""))
    }

    @Test func computedCycleIsReported() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "computed", "id": "a", "expression": "b + 1"},
              {"type": "computed", "id": "b", "expression": "a + staff"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.computedCycle, in: diagnostics, severity: .error)
        #expect(d.message.contains("a → b → a") || d.message.contains("b → a → b"))
        let atA = position(of: "a + staff", in: json)
        let atB = position(of: "b + 1", in: json)
        #expect([atA, atB].contains { $0?.line == d.location.line && $0?.column == d.location.column }, "\(d)")
    }

    @Test func computedTypeMismatch() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "computed", "id": "a", "expression": "staff > 3", "valueType": "integer"}
        """)
        let d = try expectDiagnostic(.computedTypeMismatch, in: diagnose(json).1)
        #expect(d.message.contains("true or false"))
    }

    @Test func constantFalseAskIfIsUnreachable() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "integer", "id": "never", "text": "Never?", "askIf": "1 == 2"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst != nil, "unreachable is a warning, not an error")
        let d = try expectDiagnostic(.unreachable, in: diagnostics, severity: .warning)
        expectAt(d, position(of: #"{"type": "integer", "id": "never""#, in: json))
        #expect(d.message.contains("\"never\""))
    }

    @Test func loopDrivenByAnUnreachableQuestionIsUnreachable() throws {
        let json = checkerQuestionnaire("""
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes", "askIf": "1 == 2"},
              {"type": "loop", "id": "each", "forEach": "crimes", "items": [
                {"type": "text", "id": "name", "text": "Name?"}
              ]}
        """)
        let unreachable = diagnose(json).1.filter { $0.code == .unreachable }
        #expect(unreachable.count == 2)
        #expect(unreachable.contains { $0.message.contains("loop \"each\"") })
    }

    @Test func exportNamesCollideIgnoringCase() throws {
        let json = checkerQuestionnaire("""
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"},
              {"type": "integer", "id": "Crimes_Fraud", "text": "Fraud?"}
        """)
        let d = try expectDiagnostic(.variableNameCollision, in: diagnose(json).1, severity: .error)
        #expect(d.message.contains("crimes_fraud"))
        expectAt(d, position(of: #"{"type": "integer", "id": "Crimes_Fraud""#, in: json))
    }

    @Test func longLoopSuffixMakesAnInvalidStataName() throws {
        let json = checkerQuestionnaire("""
              {"type": "multiple", "id": "kinds", "text": "Kinds?", "options": [
                {"code": 1, "name": "international_wire", "label": "Wire"}
              ]},
              {"type": "loop", "id": "each", "forEach": "kinds", "items": [
                {"type": "integer", "id": "amount_lost_in_total", "text": "Amount?"}
              ]}
        """)
        let diagnostics = diagnose(json).1
        let d = try expectDiagnostic(.invalidStataName, in: diagnostics, severity: .error)
        #expect(d.message.contains("amount_lost_in_total_international_wire"))
        #expect(!diagnostics.contains { $0.code == .invalidSPSSName }, "39 bytes is fine for SPSS")
        expectAt(d, position(of: #"{"type": "integer", "id": "amount_lost_in_total""#, in: json))
    }

    @Test func optionCodeClashingWithDontKnowCode() throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "q", "text": "Q?", "options": [
                {"code": 1, "name": "a", "label": "A"},
                {"code": -1, "name": "unsure", "label": "Unsure"}
              ]}
        """)
        let d = try expectDiagnostic(.missingCodeClash, in: diagnose(json).1, severity: .error)
        #expect(d.message.contains("don't know"))
        expectAt(d, position(of: #"{"code": -1"#, in: json))

        let custom = checkerQuestionnaire("""
              {"type": "single", "id": "q", "text": "Q?", "options": [
                {"code": 8, "name": "a", "label": "A"},
                {"code": -1, "name": "unsure", "label": "Unsure"}
              ]}
        """, extraRoot: #" "missingCodes": {"dontKnow": 8, "refused": 9},"#)
        let clash = try expectDiagnostic(.missingCodeClash, in: diagnose(custom).1)
        expectAt(clash, position(of: #"{"code": 8"#, in: custom))
        #expect(diagnose(custom).1.filter { $0.code == .missingCodeClash }.count == 1, "-1 is an ordinary code when dontKnow is 8")
    }

    @Test(arguments: [
        ("staff == 'yes'", "FW320"),
        ("crimes == 1", "FW324"),
        ("trading == 'maybe'", "FW331"),
        ("staff + 1", "FW323"),
        ("len(staff) > 2", "FW343"),
    ])
    func typeErrorsInExpressions(_ expression: String, _ code: String) throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "trading", "text": "Trading?", "codeFrame": "yesno"},
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"},
              {"type": "text", "id": "x", "text": "X?", "askIf": "\(expression)"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(DiagnosticCode(code), in: diagnostics, severity: .error)
        #expect(d.location.line == position(of: expression, in: json)?.line)
        #expect(d.message.hasPrefix("in askIf of \"x\""))
    }

    @Test func unknownNameInExpressionSuggestsTheNearest() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "text", "id": "x", "text": "X?", "askIf": "staf > 3"}
        """)
        let d = try expectDiagnostic("FW310", in: diagnose(json).1, severity: .error)
        #expect(d.message.contains("did you mean 'staff'") || d.message.contains("did you mean \"staff\""), "\(d.message)")
        expectAt(d, position(of: "staf > 3", in: json))
    }

    @Test func unknownKeySuggestsTheNearest() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "askif": "1 == 1"}
        """)
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.unknownKey, in: diagnostics, severity: .error)
        #expect(d.message.contains("did you mean \"askIf\"?"))
        expectAt(d, position(of: #""askif""#, in: json))
    }

    @Test func unknownItemTypeSuggestsTheNearest() throws {
        let json = checkerQuestionnaire("""
              {"type": "integr", "id": "staff", "text": "Staff?"}
        """)
        let d = try expectDiagnostic(.invalidValue, in: diagnose(json).1, severity: .error)
        #expect(d.message.contains("did you mean \"integer\"?"))
        expectAt(d, position(of: #""integr""#, in: json))
    }

    @Test func invalidJSONReportsItsPosition() throws {
        let json = "{\n  \"id\": \"t\",\n  \"version\": 1,,\n}"
        let (inst, diagnostics) = diagnose(json)
        #expect(inst == nil)
        let d = try expectDiagnostic(.invalidJSON, in: diagnostics)
        #expect(d.location.line == 3)
        #expect(d.location.file == "q.json")
    }

    @Test func reachingIntoALoopFromOutsideNeedsAPass() throws {
        let json = checkerQuestionnaire("""
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"},
              {"type": "loop", "id": "each", "forEach": "crimes", "items": [
                {"type": "integer", "id": "times", "text": "Times?"}
              ]},
              {"type": "text", "id": "bad", "text": "X?", "askIf": "times > 2"},
              {"type": "text", "id": "good", "text": "Y?", "askIf": "times[fraud] > 2"},
              {"type": "text", "id": "typo", "text": "Z?", "askIf": "times[frud] > 2"}
        """)
        let diagnostics = diagnose(json).1
        let outside = try expectDiagnostic(.outOfLoopReference, in: diagnostics)
        #expect(outside.message.contains("times[burglary]"))
        expectAt(outside, position(of: "times > 2", in: json))
        let typo = try expectDiagnostic(.undefinedReference, in: diagnostics)
        #expect(typo.message.contains("did you mean \"fraud\""))
        #expect(!diagnostics.contains { $0.location.line == position(of: "times[fraud]", in: json)?.line && $0.severity == .error })
    }

    @Test func loopDrivenFromInsideAnotherLoopIsRejected() throws {
        let json = checkerQuestionnaire("""
              {"type": "multiple", "id": "crimes", "text": "Crimes?", "codeFrame": "crimes"},
              {"type": "loop", "id": "outer", "forEach": "crimes", "items": [
                {"type": "multiple", "id": "places", "text": "Where?", "codeFrame": "crimes"}
              ]},
              {"type": "loop", "id": "later", "forEach": "places", "items": [
                {"type": "text", "id": "detail", "text": "Detail?"}
              ]}
        """)
        let d = try expectDiagnostic(.outOfLoopReference, in: diagnose(json).1, severity: .error)
        expectAt(d, position(of: #""forEach": "places""#, in: json, plus: 11))
    }

    @Test func sectionIDsAndCheckIDsMustBeUnique() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?", "checks": [
                {"id": "c", "require": "staff > 0", "message": "m"},
                {"id": "c", "require": "staff < 9", "message": "m"}
              ]}
        """)
        try expectDiagnostic(.duplicateCheckID, in: diagnose(json).1, severity: .error)
    }
}
