import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// `simulationWeight: 0` means an option is never drawn by the simulator, whether it is exclusive
/// or not, in single and multiple choice and in grids.
@Suite("Simulation weights")
struct SimulationWeightTests {
    static let items = """
      {"type": "single", "id": "s", "text": "S?", "allowDontKnow": false, "allowRefused": false, "options": [
        {"code": 1, "name": "a", "label": "A"}, {"code": 2, "name": "b", "label": "B", "simulationWeight": 0},
        {"code": 3, "name": "c", "label": "C"}]},
      {"type": "multiple", "id": "m", "text": "M?", "allowDontKnow": false, "allowRefused": false, "options": [
        {"code": 1, "name": "x", "label": "X"}, {"code": 2, "name": "y", "label": "Y", "simulationWeight": 0},
        {"code": 3, "name": "z", "label": "Z"},
        {"code": 99, "name": "none", "label": "None", "exclusive": true, "simulationWeight": 0}]},
      {"type": "multiple", "id": "m2", "text": "M2?", "minChoices": 2, "allowDontKnow": false, "allowRefused": false, "options": [
        {"code": 1, "name": "p", "label": "P"}, {"code": 2, "name": "q", "label": "Q", "simulationWeight": 0},
        {"code": 3, "name": "r", "label": "R"}, {"code": 4, "name": "t", "label": "T"},
        {"code": 97, "name": "nothing", "label": "Nothing", "exclusive": true, "simulationWeight": 0},
        {"code": 98, "name": "other_none", "label": "Other none", "exclusive": true}]},
      {"type": "multiple", "id": "m3", "text": "M3?", "allowDontKnow": false, "allowRefused": false, "options": [
        {"code": 1, "name": "only", "label": "Only", "simulationWeight": 0},
        {"code": 2, "name": "no_one", "label": "No one", "exclusive": true}]},
      {"type": "grid", "id": "g", "text": "G?", "allowDontKnow": false, "allowRefused": false, "items": [
        {"name": "r1", "text": "Row 1"}, {"name": "r2", "text": "Row 2"}], "options": [
        {"code": 1, "name": "agree", "label": "Agree"}, {"code": 2, "name": "disagree", "label": "Disagree", "simulationWeight": 0},
        {"code": 3, "name": "neither", "label": "Neither"}]},
      {"type": "single", "id": "z", "text": "Z?", "allowDontKnow": true, "options": [
        {"code": 1, "name": "z1", "label": "Z1", "simulationWeight": 0}, {"code": 2, "name": "z2", "label": "Z2", "simulationWeight": 0}]}
    """

    @Test func optionsOfWeightZeroAreNeverDrawn() throws {
        let inst = try instrument(questionnaire(Self.items))
        var options = SimulationOptions()
        options.dontKnowRate = 0
        options.refusedRate = 0
        var simulator = Simulator(instrument: inst, options: options)
        var dontKnowAtZ = 0
        let zIndex = try #require(inst.questions.firstIndex { $0.question.id == "z" })
        for i in 0..<3000 {
            let r = simulator.simulate(index: i, sample: SampleRecord())
            #expect(r.completed, "\(r.problem ?? "")")
            if r.steps.contains(where: { $0.question == zIndex && $0.answer == .dontKnow }) { dontKnowAtZ += 1 }
        }
        // Every option of weight 1 is drawn in 3,000 interviews; none of weight 0 ever is.
        #expect(simulator.coverage.optionsNeverChosen.sorted() == ["g=disagree", "m2=nothing", "m2=q", "m3=only", "m=none", "m=y", "s=b", "z=z1", "z=z2"])
        // With every option on offer weighing 0, don't know is the answer.
        #expect(dontKnowAtZ == 3000)
    }

    @Test func aQuestionWithNothingToDrawIsReportedNotAnswered() throws {
        let inst = try instrument(questionnaire("""
          {"type": "single", "id": "never", "text": "N?", "allowDontKnow": false, "allowRefused": false, "options": [
            {"code": 1, "name": "n1", "label": "N1", "simulationWeight": 0}]}
        """))
        var simulator = Simulator(instrument: inst, options: SimulationOptions())
        let r = simulator.simulate(index: 0, sample: SampleRecord())
        #expect(!r.completed)
        #expect(r.problem?.contains("simulationWeight") == true, "\(r.problem ?? "no problem")")
        #expect(r.steps.map(\.answer) == [.unanswered])
    }

    @Test func weightedPickSkipsWeightZeroAndGivesNilWhenAllAreZero() {
        var rng = SeededRandom(seed: 3)
        let weights = [0.0, 2.0, 0.0, 1.0, 0.0]
        var counts = [Int](repeating: 0, count: weights.count)
        for _ in 0..<3000 {
            if let p = weightedPick(0..<weights.count, weights: weights, rng: &rng) { counts[p] += 1 }
        }
        #expect(counts[0] == 0 && counts[2] == 0 && counts[4] == 0)
        #expect(counts[1] + counts[3] == 3000)
        #expect(counts[1] > counts[3], "weight 2 is drawn about twice as often as weight 1: \(counts)")
        #expect(weightedPick([0, 2, 4], weights: weights, rng: &rng) == nil)
    }
}
