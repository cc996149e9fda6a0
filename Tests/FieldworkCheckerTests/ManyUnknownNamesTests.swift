import FieldworkChecker
import FieldworkDiagnostics
import Testing

/// Thousands of unknown names (a broken generator, a pasted table) must not take time growing with
/// the square of the file: each "did you mean" compares one name with every name, so only the
/// first ones get a suggestion. Sized so that the old behaviour (every name compared with every
/// name, the list of names rebuilt and sorted each time) would run far past the time limit.
@Suite("Many unknown names")
struct ManyUnknownNamesTests {
    static func questionnaire(count: Int) -> String {
        let items = (0..<count).map { i in
            #"{"id": "question_\#(i)", "type": "integer", "text": "Q?", "min": 0, "max": 9, "askIf": "question_\#(i + 1)x > 1"}"#
        }
        return checkerQuestionnaire(items.joined(separator: ",\n"))
    }

    @Test(.timeLimit(.minutes(2)))
    func sixThousandUnknownNamesAreReportedEachAndOnlyTheFirstGetASuggestion() {
        let (_, diagnostics) = diagnose(Self.questionnaire(count: 6_000))
        let unknown = diagnostics.filter { $0.message.contains("unknown name") }
        #expect(unknown.count == 6_000, "every unknown name is still reported, with its place")
        let suggested = unknown.filter { $0.message.contains("did you mean") }
        #expect(suggested.count == 200)
        #expect(unknown.first?.message.contains("did you mean") == true, "\(unknown.first?.message ?? "")")
        #expect(unknown.last?.message.contains("did you mean") == false)
    }
}
