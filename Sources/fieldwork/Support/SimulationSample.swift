import FieldworkBasics
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkScreen
import Foundation

/// Sample records for `fieldwork simulate --sample`. The file is read and checked by `SampleImporter`,
/// the importer `fieldwork cases import` uses (byte-order mark, multi-line cells, line numbers and
/// messages are the same), then each case is checked against the questionnaire's sample fields.
enum SimulationSample {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The records in file order; `case_id` is one of each record's fields, as in the case store.
    static func read(_ path: String, instrument: Instrument, schema: SampleSchema) throws -> [SampleRecord] {
        let label = TerminalSafe.text(path)
        let parsed: ParsedSample
        do {
            parsed = try SampleImporter(schema: schema).parse(contentsOf: URL(fileURLWithPath: path), source: label)
        } catch {
            throw Problem(description: error.messages.joined(separator: "\n"))
        }
        guard !parsed.cases.isEmpty else { throw Problem(description: "\(label): no rows after the header") }
        return try parsed.cases.map { sampleCase in
            var fields = sampleCase.fields
            fields[SampleSchema.caseIDColumn] = sampleCase.id
            let record = SampleRecord(fields)
            if let first = record.problems(for: instrument).first {
                throw Problem(description: "\(label):\(sampleCase.line): \(TerminalSafe.text(String(describing: first)))")
            }
            return record
        }
    }
}

extension SimulationSample.Problem: LocalizedError {
    var errorDescription: String? { description }
}
