import FieldworkEngine
import FieldworkModel
import FieldworkScreen
import Testing

@Suite("Typed answers")
struct InterviewAnswerParserTests {
    @Test(arguments: [("12", 12.0), ("1,250", 1250), ("£3.50", 3.5), (" 7 people", 7), ("-2", -2), ("0", 0)])
    func numbersAsPeopleTypeThem(text: String, value: Double) {
        #expect(InterviewAnswerParser.number(text, unit: "people").successValue == value)
    }

    @Test(arguments: ["", "abc", "1.2.3", "12x", "-", "."])
    func notNumbers(text: String) {
        let result = InterviewAnswerParser.number(text, unit: nil)
        #expect(result.isFailure)
        if case .failure(let error) = result { #expect(error.message.contains("is not a number")) }
    }

    @Test func datesInBothSpellings() {
        #expect(InterviewAnswerParser.date("2025-03-15").successValue == DateValue.dayNumber("2025-03-15"))
        #expect(InterviewAnswerParser.date("15/3/2025").successValue == DateValue.dayNumber("2025-03-15"))
        #expect(InterviewAnswerParser.date("2025-02-30").isFailure)
        #expect(InterviewAnswerParser.date("3/15/2025").isFailure)
    }

    @Test func codes() {
        #expect(InterviewAnswerParser.code(" 97 ") == 97)
        #expect(InterviewAnswerParser.code("9a") == nil)
        #expect(InterviewAnswerParser.code("") == nil)
        #expect(InterviewAnswerParser.response("x", kind: .single).isFailure)
        #expect(InterviewAnswerParser.response(" Sells widgets ", kind: .text(maxLength: 50)).successValue == .text("Sells widgets"))
    }
}
