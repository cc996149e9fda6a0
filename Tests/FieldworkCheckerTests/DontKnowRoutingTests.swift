import FieldworkChecker
import FieldworkDiagnostics
import Testing

/// FW222: a don't know that silently skips what a question's answer routes to.
@Suite struct DontKnowRoutingTests {
    func fw222(_ json: String) -> [Diagnostic] { diagnose(json).1.filter { $0.code == .unhandledDontKnow } }

    @Test func anAskIfOnAQuestionAllowingDontKnowIsWarned() throws {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "owns", "text": "Own?", "codeFrame": "yesno"},
              {"type": "integer", "id": "cars", "text": "Cars?", "askIf": "owns == 'yes'", "allowDontKnow": false},
              {"type": "integer", "id": "vans", "text": "Vans?", "askIf": "owns == 'yes' and cars > 0"}
        """)
        let found = fw222(json)
        #expect(found.count == 1, "one warning per question: \(found)")
        let d = try #require(found.first)
        #expect(d.severity == .warning)
        expectAt(d, position(of: "owns == 'yes'", in: json))
        #expect(d.message.contains("dontknow(owns)"))
    }

    @Test func handlingDontKnowAnywhereSilencesIt() {
        for handler in ["dontknow(owns)", "answered(owns)", "not answered(owns)"] {
            let json = checkerQuestionnaire("""
                  {"type": "single", "id": "owns", "text": "Own?", "codeFrame": "yesno"},
                  {"type": "integer", "id": "cars", "text": "Cars?", "askIf": "owns == 'yes'"},
                  {"type": "text", "id": "why", "text": "Why not sure?", "askIf": "\(handler)"}
            """)
            #expect(fw222(json).isEmpty, "\(handler)")
        }
        let computed = checkerQuestionnaire("""
              {"type": "integer", "id": "staff", "text": "Staff?"},
              {"type": "computed", "id": "staff_or_0", "expression": "coalesce(staff, 0)"},
              {"type": "text", "id": "big", "text": "Big?", "askIf": "staff > 10"}
        """)
        #expect(fw222(computed).isEmpty)
    }

    @Test func conditionsThatCanHoldWithoutTheAnswerAreNotWarned() {
        let json = checkerQuestionnaire("""
              {"type": "single", "id": "owns", "text": "Own?", "codeFrame": "yesno"},
              {"type": "single", "id": "rents", "text": "Rent?", "codeFrame": "yesno", "allowDontKnow": false},
              {"type": "integer", "id": "cars", "text": "Cars?", "askIf": "owns == 'yes' or rents == 'yes'"}
        """)
        #expect(fw222(json).isEmpty)
        let noDontKnow = checkerQuestionnaire("""
              {"type": "single", "id": "owns", "text": "Own?", "codeFrame": "yesno", "allowDontKnow": false},
              {"type": "integer", "id": "cars", "text": "Cars?", "askIf": "owns == 'yes'"}
        """)
        #expect(fw222(noDontKnow).isEmpty)
    }

    @Test func aLoopOverAQuestionAllowingDontKnowIsWarnedAtItsSource() throws {
        let json = checkerQuestionnaire("""
              {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 3},
              {"type": "loop", "id": "each", "count": "n", "max": 3, "items": [
                {"type": "text", "id": "what", "text": "What?"}
              ]}
        """)
        let d = try #require(fw222(json).first)
        expectAt(d, position(of: #""count": "n""#, in: json, plus: 9))
        #expect(d.message.contains("no passes"))
    }
}
