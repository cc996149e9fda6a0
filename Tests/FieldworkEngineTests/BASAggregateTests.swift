import Foundation
import FieldworkChecker
import FieldworkExpressions
import Testing
@testable import FieldworkEngine

/// The BAS screener and victim forms once added up incidents and costs with 21 hand-written
/// `coalesce(sc_times[…], 0)` terms. Over simulated interviews, `sum(sc_times)` must agree with
/// them wherever the screener was asked (and be missing, not 0, where it was not).
@Suite("BAS totals as aggregates")
struct BASAggregateTests {
    static let bas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Questionnaires/bas.json")

    static let online = ["hacking", "malware", "ransom", "phishing", "imperson", "onlmoney", "onldata", "dos", "takeover"]
    static let all = ["burglary", "attburg", "vandalism", "vehicle", "robbery", "assault", "custtheft", "empltheft", "oththeft",
                      "emplfraud", "extfraud", "cardfraud"] + online

    /// bas.json as shipped, plus hand-written totals (21 `coalesce(sc_times[…], 0)` terms, as the
    /// questionnaire once had them) and the aggregate forms beside them, in memory.
    static func basWithAggregates() throws -> Instrument {
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: bas)) as? [String: Any])
        var sets = root["optionSets"] as? [String: Any] ?? [:]
        sets["online_crimes"] = ["codeFrame": "crimetypes", "options": online]
        root["optionSets"] = sets
        var sections = try #require(root["sections"] as? [[String: Any]])
        let victim = try #require(sections.firstIndex { $0["id"] as? String == "victim" })
        var items = try #require(sections[victim]["items"] as? [[String: Any]])
        let hand = online.map { "coalesce(sc_times[\($0)], 0)" }.joined(separator: " + ")
        items += [
            ["id": "hand_inc", "type": "computed", "valueType": "integer",
             "expression": all.map { "coalesce(sc_times[\($0)], 0)" }.joined(separator: " + ")],
            ["id": "hand_cost", "type": "computed", "valueType": "decimal",
             "expression": all.map { "coalesce(v_cost_tot[\($0)], 0)" }.joined(separator: " + ")],
            ["id": "agg_inc", "type": "computed", "valueType": "integer", "expression": "sum(sc_times)"],
            ["id": "agg_cost", "type": "computed", "valueType": "decimal", "expression": "sum(v_cost_tot)"],
            ["id": "agg_online_inc", "type": "computed", "valueType": "integer", "expression": "sum(sc_times, online_crimes)"],
            ["id": "hand_online_inc", "type": "computed", "valueType": "integer", "expression": hand],
        ]
        sections[victim]["items"] = items
        root["sections"] = sections
        let bytes = Array(try JSONSerialization.data(withJSONObject: root))
        let (instrument, diagnostics) = Checker.check(bytes: bytes, file: "bas.json")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
        return try #require(instrument)
    }

    @Test func theAggregatesHaveTheHandWrittenTotalsExportExtents() throws {
        let instrument = try Self.basWithAggregates()
        let extent = { (id: String) throws -> NumericExtent in instrument.computedExtents[try #require(instrument.computedIndex(id: id))] }
        #expect(try extent("agg_inc") == extent("hand_inc"))
        #expect(try extent("agg_cost") == extent("hand_cost"))
        #expect(try extent("agg_cost").decimals == 2)
        #expect(try extent("agg_online_inc") == extent("hand_online_inc"))
    }

    @Test func sumOverTheVictimFormsEqualsTheHandWrittenTotals() throws {
        let instrument = try Self.basWithAggregates()
        var options = SimulationOptions()
        options.keepEvents = true
        options.seed = 2026
        var simulator = Simulator(instrument: instrument, options: options)
        let samples = SyntheticSample(instrument: instrument)
        var withForms = 0, withoutCrimesAnswer = 0
        for index in 0..<300 {
            var rng = SeededRandom.forInterview(seed: 99, index: index)
            let sample = samples.record(index: index, rng: &rng)
            let run = simulator.simulate(index: index, sample: sample)
            #expect(run.problem == nil, "\(run.problem ?? "")")
            let (interview, problems) = Interview.replay(instrument: instrument, sample: sample, events: run.events.map(\.0))
            #expect(problems.isEmpty)
            let v = { (id: String) in interview.computedValue(id: id) }
            // The screener's first pass (burglary) is asked of everyone who reaches the screener.
            let had = try #require(instrument.questions.firstIndex { $0.question.id == "sc_had" })
            let answered = interview.state.answers[InstanceKey(item: had, iteration: LoopPass([1]))]?.status == .active
            if answered {
                #expect(v("agg_inc") == v("hand_inc"), "interview \(index)")
                #expect(v("agg_cost") == v("hand_cost"), "interview \(index)")
                // The questionnaire's own totals are the aggregates.
                #expect(v("tot_inc") == v("agg_inc") && v("tot_cost") == v("agg_cost"), "interview \(index)")
                #expect(v("agg_online_inc") == v("hand_online_inc"), "interview \(index)")
                if case .number(let n)? = v("hand_inc"), n > 0 { withForms += 1 }
            } else {
                // Screener not asked: the hand-written sum reads 0, the aggregate says it is not known.
                #expect(v("hand_inc") == .number(0))
                #expect(v("agg_inc")?.isMissing == true, "interview \(index)")
                #expect(v("tot_inc") == .number(0), "the questionnaire keeps 0 for 'screener not asked' (coalesce)")
                withoutCrimesAnswer += 1
            }
        }
        #expect(withForms > 50, "the simulation must exercise the victim forms")
        #expect(withoutCrimesAnswer > 0, "and the interviews that never reached the screener")
    }
}
