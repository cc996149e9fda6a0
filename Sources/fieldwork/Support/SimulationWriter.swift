import FieldworkChecker
import FieldworkEngine
import Foundation

/// Writes simulated interviews into a survey directory as real journals.
struct SimulationWriter {
    struct Unavailable: Error, CustomStringConvertible { var description: String }

    init(directory: String, questionnairePath: String, instrument: Instrument, interviewer: String) throws {
        throw Unavailable(description: "--write needs the journal, which is not built yet")
    }

    func write(_ interview: SimulatedInterview) throws {}
    func finish() throws {}
}
