import CSV
import FieldworkWeighting
import Foundation

/// A population margins file (docs/weighting.md): CSV with the header `margin,cell,population`,
/// one row per cell. `margin` names the fields the margin is over, joined by ` x `
/// (`size_band x sector`); `cell` is those fields' values joined by `|` (`1-9|G`); `population` is
/// the cell's count. Read with CSV.swift, like a sample; every bad row is reported with its line.
public struct MarginsFile: Sendable, Equatable {
    public static let header = ["margin", "cell", "population"]

    public var source: String
    /// Margins in the order they first appear, cells in file order.
    public var margins: [PopulationMargin]

    /// Reads the file at `url`; `source` (default: the path) names it in messages.
    public static func read(contentsOf url: URL, source: String? = nil, maxProblems: Int = 100) throws(MarginsFileError) -> MarginsFile {
        let label = source ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MarginsFileError(source: label, problems: [.init(line: 0, reason: "cannot read the file (\(error.localizedDescription)); check the path")])
        }
        if let bad = InvalidUTF8Position.find(in: [UInt8](data)) {
            let hex = String(bad.byte, radix: 16, uppercase: true)
            throw MarginsFileError(source: label, problems: [
                .init(line: bad.line, reason: "byte column \(bad.byteColumn): byte 0x\(hex) is not UTF-8 text; save the file as CSV UTF-8"),
            ])
        }
        return try parse(csv: String(decoding: data, as: UTF8.self), source: label, maxProblems: maxProblems)
    }

    /// Parses margins CSV text already in memory.
    public static func parse(csv text: String, source: String, maxProblems: Int = 100) throws(MarginsFileError) -> MarginsFile {
        var problems: [MarginsFileError.Problem] = []
        var unlisted = 0
        func add(_ line: Int, _ reason: String) {
            if problems.count < max(1, maxProblems) { problems.append(.init(line: line, reason: reason)) } else { unlisted += 1 }
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if let line = UnterminatedQuote.startLine(in: body) {
            throw MarginsFileError(source: source, problems: [
                .init(line: line, reason: "unterminated quoted cell starting at line \(line); close the quote (a quote inside a quoted cell is written \"\")"),
            ])
        }
        guard let reader = try? CSVReader(string: body, hasHeaderRow: false),
              let rawHeader = reader.next(), rawHeader != [""] else {
            throw MarginsFileError(source: source, problems: [.init(line: 1, reason: "the file is empty; the first line must be the header margin,cell,population")])
        }
        let header = rawHeader.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard header == Self.header else {
            throw MarginsFileError(source: source, problems: [
                .init(line: 1, reason: "the header is '\(rawHeader.joined(separator: ","))'; it must be exactly margin,cell,population"),
            ])
        }
        var line = 1 + CSVTable.lineBreaks(in: rawHeader) + 1
        var order: [String] = []
        var cells: [String: [MarginCell]] = [:]
        var seen: [String: Int] = [:]  // "margin\u{0}cell" → line
        while let row = reader.next() {
            let rowLine = line
            line += 1 + CSVTable.lineBreaks(in: row)
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }  // blank line
            guard row.count == 3 else {
                add(rowLine, "row has \(row.count) column(s) but the header has 3 (margin,cell,population); quote a cell that contains a comma")
                continue
            }
            let fields = PopulationMargin.fields(inName: row[0].trimmingCharacters(in: .whitespaces))
            let name = fields.joined(separator: PopulationMargin.fieldSeparator)
            let cell = row[1].trimmingCharacters(in: .whitespaces)
            let population = row[2].trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                add(rowLine, "the margin is empty; name the field(s) the margin is over, e.g. borough or size_band x sector")
                continue
            }
            if fields.contains(where: \.isEmpty) {
                add(rowLine, "margin '\(row[0])' has an empty field name; join field names with ' x ' (space, x, space)")
                continue
            }
            if Set(fields).count != fields.count {
                add(rowLine, "margin '\(name)' names a field twice")
                continue
            }
            if cell.isEmpty {
                add(rowLine, "the cell is empty; give the value(s) of \(name), joined by |")
                continue
            }
            let values = cell.split(separator: PopulationMargin.valueSeparator, omittingEmptySubsequences: false)
            if values.count != fields.count {
                add(rowLine, "cell '\(cell)' has \(values.count) value(s) but margin '\(name)' is over \(fields.count) field(s) (\(fields.joined(separator: ", "))); join one value per field with |")
                continue
            }
            if let problem = SampleValidation.numberProblem(population) {
                add(rowLine, "population: \(population.isEmpty ? "it is empty; give the cell's population count" : problem)")
                continue
            }
            guard let count = Double(population), count >= 0 else {
                add(rowLine, "population \(population) is negative; a population count is 0 or more")
                continue
            }
            let key = name + "\u{0}" + cell
            if let first = seen[key] {
                add(rowLine, "margin '\(name)', cell '\(cell)' is already given on line \(first); give each cell once")
                continue
            }
            seen[key] = rowLine
            if cells[name] == nil { order.append(name) }
            cells[name, default: []].append(MarginCell(key: cell, population: count, line: rowLine))
        }
        if reader.error != nil {
            add(line, "the CSV could not be read to the end; check the file encoding")
        }
        if problems.isEmpty && order.isEmpty {
            add(1, "the file has no margins after the header; add rows margin,cell,population")
        }
        if !problems.isEmpty {
            throw MarginsFileError(source: source, problems: problems, unlistedCount: unlisted)
        }
        return MarginsFile(source: source, margins: order.map { PopulationMargin(name: $0, cells: cells[$0] ?? []) })
    }
}
