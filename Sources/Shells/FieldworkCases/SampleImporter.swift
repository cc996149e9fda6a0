import CSV
import Foundation

/// Reads a sample CSV (header row, `case_id` column) and checks every row against a `SampleSchema`.
///
/// It never writes anything: it returns either a fully checked `ParsedSample` or every problem found
/// (up to `maxProblems`), so the store can import all-or-nothing.
public struct SampleImporter: Sendable {
    public var schema: SampleSchema
    /// Stop listing problems after this many; the rest are only counted.
    public var maxProblems: Int

    public init(schema: SampleSchema = .permissive, maxProblems: Int = 100) {
        self.schema = schema
        self.maxProblems = maxProblems
    }

    /// Reads and checks the file at `url`. `source` defaults to the file's name as given.
    public func parse(contentsOf url: URL, source: String? = nil) throws(SampleImportError) -> ParsedSample {
        let label = source ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SampleImportError(source: label, problems: [
                SampleProblem(line: 0, kind: .unreadableFile, reason: "cannot read the file (\(error.localizedDescription)); check the path"),
            ])
        }
        if let bad = InvalidUTF8Position.find(in: [UInt8](data)) {
            let hex = String(bad.byte, radix: 16, uppercase: true)
            throw SampleImportError(source: label, problems: [
                SampleProblem(line: bad.line, kind: .unreadableFile,
                              reason: "byte column \(bad.byteColumn): byte 0x\(hex) is not UTF-8 text; save the file as CSV UTF-8"),
            ])
        }
        let text = String(decoding: data, as: UTF8.self)
        return try parse(csv: text, source: label)
    }

    /// Checks CSV text already in memory.
    public func parse(csv text: String, source: String) throws(SampleImportError) -> ParsedSample {
        var problems = ProblemList(cap: maxProblems)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if let line = UnterminatedQuote.startLine(in: body) {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: line, kind: .unreadableFile,
                              reason: "unterminated quoted cell starting at line \(line); close the quote (a quote inside a quoted cell is written \"\")"),
            ])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: false)
        } catch {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: 1, kind: .unreadableFile, reason: "cannot read the CSV header row"),
            ])
        }
        guard let rawHeader = reader.next(), rawHeader != [""] else {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: 1, kind: .missingColumn, reason: "the file is empty; the first line must be a header with a '\(SampleSchema.caseIDColumn)' column"),
            ])
        }
        var line = 1 + Self.lineBreaks(in: rawHeader) + 1
        let header = rawHeader.map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = checkHeader(header, problems: &problems)

        var cases: [SampleCase] = []
        var firstLineForID: [String: (line: Int, id: String)] = [:]
        while let row = reader.next() {
            let rowLine = line
            line += 1 + Self.lineBreaks(in: row)
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }  // blank line
            guard let columns else { continue }
            if row.count != header.count {
                problems.add(rowLine, .wrongColumnCount, "row has \(row.count) column(s) but the header has \(header.count); check for unquoted commas")
                continue
            }
            if let sample = checkRow(row, columns: columns, line: rowLine, firstLineForID: &firstLineForID, problems: &problems) {
                cases.append(sample)
            }
        }
        if reader.error != nil {
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

    /// Line breaks inside quoted fields, so row line numbers stay right after multi-line cells.
    static func lineBreaks(in row: [String]) -> Int {
        var count = 0
        for field in row {
            var previousWasCR = false
            for unit in field.utf8 {
                if unit == 0x0A {
                    if !previousWasCR { count += 1 }
                    previousWasCR = false
                } else if unit == 0x0D {
                    count += 1
                    previousWasCR = true
                } else {
                    previousWasCR = false
                }
            }
        }
        return count
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
