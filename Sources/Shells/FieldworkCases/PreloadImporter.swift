import Foundation

/// Reads a previous wave's export (or any CSV keyed by case id) for `fieldwork cases preload`,
/// and checks it: the key column is there, every declared preload value has its column, every row
/// names a case of the store once, and numbers are numbers. Like the sample import it writes
/// nothing and returns every problem found, so the store takes all rows or none.
public struct PreloadImporter: Sendable {
    /// The declared values and their columns.
    public var columns: [PreloadColumn]
    /// The column holding the case id (`case_id` in an export).
    public var keyColumn: String
    /// Stop listing problems after this many; the rest are only counted.
    public var maxProblems: Int

    public init(columns: [PreloadColumn], keyColumn: String = SampleSchema.caseIDColumn, maxProblems: Int = 100) {
        self.columns = columns
        self.keyColumn = keyColumn
        self.maxProblems = maxProblems
    }

    /// Reads and checks the file at `url`; `caseExists` answers whether the store has a case id.
    public func parse(contentsOf url: URL, source: String? = nil,
                      caseExists: (String) -> Bool) throws(SampleImportError) -> ParsedPreload {
        let label = source ?? url.path
        return try parse(csv: CSVTable.text(contentsOf: url, source: label), source: label, caseExists: caseExists)
    }

    /// Checks CSV text already in memory.
    public func parse(csv text: String, source: String, caseExists: (String) -> Bool) throws(SampleImportError) -> ParsedPreload {
        var problems = ProblemList(cap: maxProblems)
        let table = try CSVTable.read(csv: text, source: source, keyColumn: keyColumn)
        let header = table.header
        var indexOf: [String: Int] = [:]
        for (i, name) in header.enumerated() where !name.isEmpty {
            if indexOf[name] != nil {
                // Only a column the import reads must be unambiguous.
                if name == keyColumn || columns.contains(where: { $0.column == name }) {
                    problems.add(1, .duplicateColumn, "column '\(name)' appears more than once in the header; the import cannot tell which to read")
                }
            } else {
                indexOf[name] = i
            }
        }
        let keyIndex = indexOf[keyColumn]
        if keyIndex == nil {
            problems.add(1, .missingColumn, "the header has no '\(keyColumn)' column holding the case id"
                + Self.nearMiss(keyColumn, among: header) + "; name the key column with --key COLUMN")
        }
        var wanted: [(index: Int, column: PreloadColumn)] = []
        for c in columns {
            guard let index = indexOf[c.column] else {
                let mapped = c.column == c.name ? "" : " (mapped from preload value '\(c.name)')"
                problems.add(1, .missingColumn, "the header has no '\(c.column)' column\(mapped) for preload.\(c.name)"
                    + Self.nearMiss(c.column, among: header) + "; rename the column or map it with --map \(c.name)=COLUMN")
                continue
            }
            wanted.append((index, c))
        }
        var rows: [ParsedPreload.Row] = []
        var firstLine: [String: Int] = [:]
        if let keyIndex, problems.isEmpty {
            for (line, cells) in table.rows {
                guard cells.count == header.count else {
                    problems.add(line, .wrongColumnCount, "row has \(cells.count) column(s) but the header has \(header.count); check for unquoted commas")
                    continue
                }
                let id = cells[keyIndex].trimmingCharacters(in: .whitespaces)
                if id.isEmpty {
                    problems.add(line, .invalidCaseID, "the '\(keyColumn)' cell is empty; every row needs the case id")
                    continue
                }
                if let first = firstLine[id] {
                    problems.add(line, .duplicateCaseID, "case '\(id)' already has a row on line \(first); keep one row per case")
                    continue
                }
                firstLine[id] = line
                var ok = true
                if !caseExists(id) {
                    problems.add(line, .unknownCase, "case '\(id)' is not in the case store; import it with the sample first (fieldwork cases import) or drop the row")
                    ok = false
                }
                var values: [String: String] = [:]
                for (index, c) in wanted {
                    let value = cells[index].trimmingCharacters(in: .whitespaces)
                    if value.isEmpty { continue }
                    if c.isNumber, let reason = SampleValidation.numberProblem(value) {
                        problems.add(line, .invalidNumber, "\(c.column) (preload.\(c.name)): \(reason)")
                        ok = false
                    }
                    values[c.name] = value
                }
                if ok { rows.append(ParsedPreload.Row(caseID: id, values: values, line: line)) }
            }
        }
        if let line = table.unreadableFromLine {
            problems.add(line, .unreadableFile, "the CSV could not be read to the end; check the file encoding")
        }
        if !problems.isEmpty {
            throw SampleImportError(source: source, problems: problems.listed, unlistedCount: problems.unlisted)
        }
        return ParsedPreload(source: source, names: columns.map(\.name), rows: rows)
    }

    /// "; the header has: a, b, c" — the file's columns, so a misspelt name is easy to spot.
    private static func nearMiss(_ name: String, among header: [String]) -> String {
        let lower = name.lowercased()
        if let same = header.first(where: { $0.lowercased() == lower }) { return " (there is '\(same)': names are case-sensitive)" }
        let shown = header.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return header.isEmpty ? "" : " (the header has \(shown)\(header.count > 12 ? ", …" : ""))"
    }
}
