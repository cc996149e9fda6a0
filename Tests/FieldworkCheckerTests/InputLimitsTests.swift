import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import FieldworkModel
import Testing

/// The questionnaire's resource limits (`InputLimits`, docs/hardening.md "Resource limits"): at the
/// limit the file is read and checked; past it, one error names the limit, where and what to do.
@Suite("Questionnaire input limits")
struct QuestionnaireInputLimitsTests {
    /// `count` integer questions, one per line, each asked when the one before was answered 1+.
    static func questionnaire(questions count: Int) -> String {
        var items: [String] = []
        items.reserveCapacity(count)
        for i in 0..<count {
            items.append(#"{"id": "q\#(i)", "type": "integer", "text": "How many?", "min": 0, "max": 9}"#)
        }
        return checkerQuestionnaire(items.joined(separator: ",\n"))
    }

    @Test func oneByteOverTheSizeLimitIsRefusedWithFW500BeforeParsing() throws {
        // Not JSON at all: the size is checked first, so nothing is parsed.
        let bytes = [UInt8](repeating: UInt8(ascii: "x"), count: InputLimits.questionnaireBytes + 1)
        let (instrument, diagnostics) = Checker.check(bytes: bytes, file: "big.json")
        #expect(instrument == nil)
        #expect(diagnostics.count == 1)
        let d = try expectDiagnostic("FW500", in: diagnostics, severity: .error)
        #expect(d.location.line == 1 && d.location.column == 1 && d.location.file == "big.json")
        #expect(d.message.contains("52,428,801 bytes"), "\(d.message)")
        #expect(d.message.contains("at most 50 MB (52,428,800 bytes, the limit)"), "\(d.message)")
        #expect(d.message.contains("split the survey"), "\(d.message)")
    }

    @Test func questionsInsideLoopsCountOnceAndGridRowsDoNot() throws {
        let text = checkerQuestionnaire("""
        {"id": "n", "type": "integer", "text": "How many?", "min": 0, "max": 3},
        {"id": "g", "type": "grid", "text": "Rate", "codeFrame": "yesno", "items": [{"name": "a", "text": "A"}, {"name": "b", "text": "B"}, {"name": "c", "text": "C"}]},
        {"id": "l", "type": "loop", "count": "n", "max": 3, "items": [
          {"id": "inner", "type": "integer", "text": "How many?", "min": 0, "max": 9},
          {"id": "c1", "type": "computed", "expression": "inner + 1", "valueType": "integer"}
        ]},
        {"id": "last", "type": "statement", "text": "Thanks"}
        """)
        let (atLimit, diagnostics) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumQuestions: 4)
        #expect(atLimit != nil && !diagnostics.hasErrors, "\(diagnostics)")
        let (_, over) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumQuestions: 3)
        #expect(over.map(\.code.rawValue) == ["FW501"])
        expectAt(try #require(over.first), position(of: #"{"id": "last""#, in: text))
    }

    /// A file of exactly `maximumBytes` is read and checked as usual; one byte more is refused.
    /// (At the real 50 MB this takes minutes in a debug build; docs/hardening.md has the release
    /// build's figures, and Tests/EndToEnd/test_input_limits.py feeds the binary 50 MB + 1 byte.)
    @Test func aQuestionnaireOfExactlyTheSizeLimitIsCheckedAsUsual() throws {
        let frame = checkerQuestionnaire(#"{"id": "intro", "type": "statement", "text": "PAD"}"#)
        let limit = 1_048_576
        let text = frame.replacingOccurrences(of: "PAD", with: String(repeating: "a", count: limit - (frame.utf8.count - 3)))
        #expect(text.utf8.count == limit)
        let (questionnaire, diagnostics) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumBytes: limit)
        #expect(questionnaire != nil && !diagnostics.hasErrors, "\(diagnostics.prefix(3))")
        let (over, overDiagnostics) = QuestionnaireReader.read(bytes: Array((text + " ").utf8), file: "q.json", maximumBytes: limit)
        #expect(over == nil)
        #expect(overDiagnostics.map(\.code.rawValue) == ["FW500"])
        #expect(overDiagnostics.first?.message.contains("at most 1 MB (1,048,576 bytes, the limit)") == true)
    }

    @Test func theQuestionLimitCountsQuestionsAndPointsAtTheFirstOnePast() throws {
        let text = Self.questionnaire(questions: 6)
        let (questionnaire, diagnostics) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumQuestions: 5)
        #expect(questionnaire == nil)
        #expect(diagnostics.count == 1, "only the limit is reported: \(diagnostics)")
        let d = try expectDiagnostic("FW501", in: diagnostics, severity: .error)
        expectAt(d, position(of: #"{"id": "q5""#, in: text))
        #expect(d.message == "this is question 6; a questionnaire may have at most 5 questions (the limit); split the survey into several questionnaires")

        let (atLimit, atLimitDiagnostics) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumQuestions: 6)
        #expect(atLimit != nil && !atLimitDiagnostics.hasErrors)
    }

    /// Ten thousand questions with the limit set there: checked; one more is refused. (The real
    /// limit, 200,000, is fed to the binary by Tests/EndToEnd/test_input_limits.py.)
    @Test func tenThousandQuestionsAtALimitOfTenThousandAreCheckedAndOneMoreIsRefused() throws {
        let limit = 10_000
        let text = Self.questionnaire(questions: limit)
        let (questionnaire, readDiagnostics) = QuestionnaireReader.read(bytes: Array(text.utf8), file: "q.json", maximumQuestions: limit)
        let checked = try #require(questionnaire)
        let (instrument, diagnostics) = Checker.check(checked)
        #expect(!(readDiagnostics + diagnostics).hasErrors, "\(diagnostics.prefix(3))")
        #expect(instrument?.questions.count == limit)

        let (over, overDiagnostics) = QuestionnaireReader.read(bytes: Array(Self.questionnaire(questions: limit + 1).utf8),
                                                               file: "q.json", maximumQuestions: limit)
        #expect(over == nil)
        #expect(overDiagnostics.map(\.code.rawValue) == ["FW501"])
        #expect(overDiagnostics.first?.message.contains("this is question 10,001; a questionnaire may have at most 10,000 questions (the limit)") == true)
        #expect(overDiagnostics.first?.location.line == limit + 9, "the first question past the limit")
    }

    @Test func jsonNestedPastTheLimitIsFW100NamingTheLimitNotACrash() throws {
        for opening in ["[", #"{"a":"#] {
            let text = checkerQuestionnaire(#"{"id": "intro", "type": "statement", "text": "Hello"}"#, extraRoot: #" "deep": "#
                + String(repeating: opening, count: 100_000) + ",")
            let (_, diagnostics) = diagnose(text)
            let d = try expectDiagnostic("FW100", in: diagnostics)
            #expect(d.message.contains("nesting deeper than \(InputLimits.jsonNesting) levels"), "\(d.message)")
        }
    }

    @Test func loopsNestedAsDeepAsTheJSONAllowsAreRefusedWithoutACrash() throws {
        // Each loop level is two JSON levels (object, items array); 250 loops reach nearly 512.
        var items = #"{"id": "leaf", "type": "integer", "text": "How many?", "min": 0, "max": 9}"#
        for level in 0..<250 {
            items = #"{"id": "l\#(level)", "type": "loop", "count": "n", "max": 2, "items": [\#(items)]}"#
        }
        let text = checkerQuestionnaire(#"{"id": "n", "type": "integer", "text": "How many?", "min": 0, "max": 2},"# + "\n" + items)
        let (instrument, diagnostics) = diagnose(text)
        #expect(instrument == nil)
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.contains { $0.code == "FW216" || $0.code == "FW100" }, "\(diagnostics.prefix(3))")
    }

    /// Conditions of 100,000 terms and of 10,000 nested parentheses (the sizes issue 19 names) are
    /// refused as syntax errors naming the expression limits, at the expression, without a crash.
    @Test func hugeConditionsAreRefusedNamingTheExpressionLimits() throws {
        let chain = (0..<100_000).map { _ in "n > 1" }.joined(separator: " and ")
        let nested = String(repeating: "(", count: 10_000) + "n > 1" + String(repeating: ")", count: 10_000)
        for (condition, fragment) in [
            (chain, "more than \(InputLimits.expressionOperators) operators"),
            (nested, "more than \(InputLimits.expressionNesting) levels deep (the limit)"),
        ] {
            let text = checkerQuestionnaire("""
            {"id": "n", "type": "integer", "text": "How many?", "min": 0, "max": 9},
            {"id": "m", "type": "integer", "text": "And?", "min": 0, "max": 9, "askIf": "\(condition)"}
            """)
            let (instrument, diagnostics) = diagnose(text)
            #expect(instrument == nil)
            let d = try expectDiagnostic("FW110", in: diagnostics)
            #expect(d.message.contains(fragment), "\(d.message)")
            #expect(d.location.line == position(of: #""askIf""#, in: text)?.line)
        }
    }
}
