import CSV
import FieldworkChecker
import FieldworkEngine
import Foundation

/// Reads sample records for simulation from a CSV file with a header row.
enum SampleCSV {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ path: String, instrument: Instrument) throws -> [SampleRecord] {
        guard let stream = InputStream(fileAtPath: path) else { throw Problem(description: "\(path): cannot open the file") }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw Problem(description: "\(path): not a readable CSV file (\(error))")
        }
        guard let header = reader.headerRow else { throw Problem(description: "\(path): the file is empty; it needs a header row") }
        var records: [SampleRecord] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            guard row.count == header.count else {
                throw Problem(description: "\(path):\(line): \(row.count) columns, but the header has \(header.count)")
            }
            var fields: [String: String] = [:]
            for (k, v) in zip(header, row) { fields[k] = v }
            let record = SampleRecord(fields)
            let problems = record.problems(for: instrument)
            if let first = problems.first { throw Problem(description: "\(path):\(line): \(first)") }
            records.append(record)
        }
        if let error = reader.error { throw Problem(description: "\(path):\(line + 1): \(error)") }
        guard !records.isEmpty else { throw Problem(description: "\(path): no rows after the header") }
        return records
    }
}

extension SampleCSV.Problem: LocalizedError {
    var errorDescription: String? { description }
}
