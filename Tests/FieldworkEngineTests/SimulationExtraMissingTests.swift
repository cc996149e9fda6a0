import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// The simulator gives a question's extra missing codes (`allowMissing`) at `extraMissingRate`,
/// and a questionnaire without them simulates exactly as before whatever that rate.
@Suite("Simulated extra missing codes")
struct SimulationExtraMissingTests {
    static func json(allowMissing: String) -> String {
        """
        {"id": "t", "version": "1", "title": "Test", "languages": ["en"],
         "missingCodes": {"dontKnow": -1, "refused": -2, "extra": [
           {"name": "too_many", "code": -3, "label": "Too many to count"},
           {"name": "na", "code": -4, "label": "Not applicable"}]},
         "sections": [{"id": "main", "title": "Main", "items": [
           {"type": "integer", "id": "n", "text": "How many?", "min": 0, "max": 99, "allowMissing": \(allowMissing)},
           {"type": "integer", "id": "k", "text": "How many more?", "min": 0, "max": 99}]}]}
        """
    }

    /// Responses given to question `id` over `count` simulated interviews.
    func responses(_ json: String, rate: Double, id: String = "n", count: Int = 2000) throws -> [Response] {
        var options = SimulationOptions()
        options.extraMissingRate = rate
        options.keepEvents = true
        var simulator = Simulator(instrument: try instrument(json), options: options)
        var out: [Response] = []
        for i in 0..<count {
            for (event, _) in simulator.simulate(index: i, sample: SampleRecord()).events {
                if case .answered(let address, let response) = event, address.id == id { out.append(response) }
            }
        }
        return out
    }

    @Test func extraCodesAreDrawnAtTheirRateAmongTheAllowedOnly() throws {
        let given = try responses(Self.json(allowMissing: #"["too_many", "na"]"#), rate: 0.1)
        let tooMany = given.filter { $0 == .missingCode("too_many") }.count
        let na = given.filter { $0 == .missingCode("na") }.count
        // 2,000 answers at 10% split over two codes: about 100 each (before don't know and refused).
        #expect((50...160).contains(tooMany), "too_many \(tooMany)")
        #expect((50...160).contains(na), "na \(na)")
        let other = try responses(Self.json(allowMissing: #"["too_many", "na"]"#), rate: 0.1, id: "k")
        #expect(!other.contains { if case .missingCode = $0 { return true } else { return false } })
    }

    @Test func rateZeroDrawsNone() throws {
        let given = try responses(Self.json(allowMissing: #"["too_many"]"#), rate: 0)
        #expect(!given.isEmpty)
        #expect(!given.contains(.missingCode("too_many")))
    }

    @Test func withoutExtraCodesTheRateChangesNothing() throws {
        let json = Self.json(allowMissing: "[]")
        #expect(try responses(json, rate: 0, count: 300) == (try responses(json, rate: 0.5, count: 300)))
    }
}
