import FieldworkBasics
import Foundation

/// Reads a sample CSV (header row, `case_id` column) and checks every row against a `SampleSchema`.
///
/// It never writes anything: it returns either a fully checked `ParsedSample` or every problem found
/// (up to `maxProblems`), so the store can import all-or-nothing.
public struct SampleImporter: Sendable {
    public var schema: SampleSchema
    /// Stop listing problems after this many; the rest are only counted.
    public var maxProblems: Int
    /// A cell longer than this refuses the file (`InputLimits.sampleCellBytes`).
    public var maximumCellBytes: Int

    public init(schema: SampleSchema = .permissive, maxProblems: Int = 100,
                maximumCellBytes: Int = InputLimits.sampleCellBytes) {
        self.schema = schema
        self.maxProblems = maxProblems
        self.maximumCellBytes = maximumCellBytes
    }

    /// Reads and checks the file at `url`. `source` defaults to the file's name as given.
    public func parse(contentsOf url: URL, source: String? = nil) throws(SampleImportError) -> ParsedSample {
        let label = source ?? url.path
        return try parse(csv: CSVTable.text(contentsOf: url, source: label), source: label)
    }

    /// Checks CSV text already in memory.
    public func parse(csv text: String, source: String) throws(SampleImportError) -> ParsedSample {
        var problems = ProblemList(cap: maxProblems)
        let table = try CSVTable.read(csv: text, source: source, keyColumn: SampleSchema.caseIDColumn,
                                      maximumCellBytes: maximumCellBytes)
        let header = table.header
        let columns = checkHeader(header, problems: &problems)

        var cases: [SampleCase] = []
        var firstLineForID: [String: (line: Int, id: String)] = [:]
        if let columns {
            for (rowLine, row) in table.rows {
                if row.count != header.count {
                    problems.add(rowLine, .wrongColumnCount, "row has \(row.count) column(s) but the header has \(header.count); check for unquoted commas")
                    continue
                }
                if let sample = checkRow(row, columns: columns, line: rowLine, firstLineForID: &firstLineForID, problems: &problems) {
                    cases.append(sample)
                }
            }
        }
        if let line = table.unreadableFromLine {
            problems.add(line, .unreadableFile, "the CSV could not be read to the end; check the file encoding")
        }
        if !problems.isEmpty {
            throw SampleImportError(source: source, problems: problems.listed, unlistedCount: problems.unlisted)
        }
        return ParsedSample(source: source, columns: header, cases: cases)
    }

    /// Resolved column layout: where `case_id` is and the spec of every other column.
    private struct Columns {
        var idIndex: Int
        var fields: [(index: Int, spec: SampleFieldSpec)]
    }

    private func checkHeader(_ header: [String], problems: inout ProblemList) -> Columns? {
        var ok = true
        var seen: Set<String> = []
        var fields: [(Int, SampleFieldSpec)] = []
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                problems.add(1, .emptyHeaderName, "column \(index + 1) has no name; every column needs a header")
                ok = false
                continue
            }
            if !seen.insert(name).inserted {
                problems.add(1, .duplicateColumn, "column '\(name)' appears more than once in the header")
                ok = false
                continue
            }
            if name == SampleSchema.caseIDColumn { continue }
            guard let spec = schema.spec(forColumn: name) else {
                problems.add(1, .unknownColumn, "column '\(name)' is not in the sample schema; fix the header or add it to sample-schema.json")
                ok = false
                continue
            }
            fields.append((index, spec))
        }
        let idIndex = header.firstIndex(of: SampleSchema.caseIDColumn)
        if idIndex == nil {
            problems.add(1, .missingColumn, "the header has no '\(SampleSchema.caseIDColumn)' column; add one with a unique id per business")
            ok = false
        }
        for spec in schema.fields where spec.required && !seen.contains(spec.name) && spec.name != SampleSchema.caseIDColumn {
            problems.add(1, .missingColumn, "the schema requires a '\(spec.name)' column but the header has none")
            ok = false
        }
        guard ok, let idIndex else { return nil }
        return Columns(idIndex: idIndex, fields: fields)
    }

    private func checkRow(
        _ row: [String], columns: Columns, line: Int,
        firstLineForID: inout [String: (line: Int, id: String)], problems: inout ProblemList
    ) -> SampleCase? {
        var ok = true
        let id = row[columns.idIndex].trimmingCharacters(in: .whitespaces)
        if let reason = SampleValidation.caseIDProblem(id) {
            problems.add(line, .invalidCaseID, reason)
            ok = false
        } else if let first = firstLineForID[SampleValidation.caseIDKey(id)] {
            if first.id == id {
                problems.add(line, .duplicateCaseID, "case_id '\(id)' already used on line \(first.line); ids must be unique")
            } else {
                problems.add(line, .duplicateCaseID, "case_id '\(id)' differs from '\(first.id)' on line \(first.line) only in letter case; ids become file names, which collide on case-insensitive file systems, so give it another id")
            }
            ok = false
        } else {
            firstLineForID[SampleValidation.caseIDKey(id)] = (line, id)
        }
        var fields: [String: String] = [:]
        fields.reserveCapacity(columns.fields.count)
        for (index, spec) in columns.fields {
            let value = row[index].trimmingCharacters(in: .whitespaces)
            fields[spec.name] = value
            if value.isEmpty {
                if spec.required {
                    problems.add(line, .missingRequiredField, "required field '\(spec.name)' is empty")
                    ok = false
                }
                continue
            }
            switch spec.kind {
            case .text: break
            case .phone:
                if let reason = SampleValidation.phoneProblem(value) {
                    problems.add(line, .invalidPhoneNumber, "\(spec.name): \(reason)")
                    ok = false
                }
            case .number:
                if let reason = SampleValidation.numberProblem(value) {
                    problems.add(line, .invalidNumber, "\(spec.name): \(reason)")
                    ok = false
                }
            }
        }
        return ok ? SampleCase(id: id, fields: fields, line: line) : nil
    }
}

/// Problems collected up to a cap, counting the rest.
struct ProblemList {
    let cap: Int
    private(set) var listed: [SampleProblem] = []
    private(set) var unlisted = 0

    init(cap: Int) { self.cap = max(1, cap) }

    var isEmpty: Bool { listed.isEmpty }

    mutating func add(_ line: Int, _ kind: SampleProblem.Kind, _ reason: String) {
        if listed.count < cap {
            listed.append(SampleProblem(line: line, kind: kind, reason: reason))
        } else {
            unlisted += 1
        }
    }
}
