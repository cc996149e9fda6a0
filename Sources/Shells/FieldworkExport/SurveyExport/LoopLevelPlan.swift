import FieldworkChecker
import FieldworkModel

/// The long file of one loop (`export --level LOOP_ID`): one row per pass an interview made, with
/// the case key, the pass's item (its code and label: the option of a for-each loop, the number of
/// a count loop) and the variables asked in that pass, named without the pass's suffix
/// (`v_when_burglary` → `v_when`). Built from the wide plan, so names, labels, codes and missing
/// values are the wide file's.
///
/// A loop nested in other loops has one row per pass through all of them: the row carries the
/// enclosing loops' items as well (`outer_code`/`outer_label` for the loop directly around it,
/// `outer2_code`/`outer2_label` for the one around that), so the case key and the items together
/// name the wide file's columns (`o_age_burglary_2` → case, outer item burglary, item 2).
public struct LoopLevelPlan: Sendable {
    /// One pass of the loop (and of the loops around it): its items and where its variables sit
    /// in the wide row.
    struct Pass: Sendable {
        /// The items outermost first, this loop's last.
        var items: [Item]
        /// Per long variable, the index of this pass's column in the wide row (nil: not planned).
        var wideColumns: [Int?]
    }

    /// One loop's item in a pass: its number in the plan (option position + 1, or the count).
    struct Item: Sendable {
        var number: Int
        var code: Int
        var name: String
        var label: String
    }

    public let loopID: String
    public let schema: ExportSchema
    let caseIDColumn: Int
    let passes: [Pass]

    public static let caseIDName = "case_id"
    public static let itemCodeName = "item_code"
    public static let itemLabelName = "item_label"

    /// The key columns of an enclosing loop, `levelsOut` levels out (1: the loop directly around).
    public static func outerNames(levelsOut: Int) -> (code: String, label: String) {
        let stem = levelsOut == 1 ? "outer" : "outer\(levelsOut)"
        return (stem + "_code", stem + "_label")
    }

    /// Why a loop cannot be exported as a long file.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case unknownLoop(String, known: [String])
        case noCaseID

        public var description: String {
            switch self {
            case let .unknownLoop(id, known):
                return "--level \(id): no loop of that id in the questionnaire"
                    + (known.isEmpty ? " (it has no loops)" : "; its loops are \(known.joined(separator: ", "))")
            case .noCaseID:
                return "the export has no case_id column to key the long file"
            }
        }
    }

    public init(wide plan: SurveyColumnPlan, instrument: Instrument, loopID: String, fileLabel: String) throws {
        guard let loop = instrument.loops.first(where: { $0.loop.id == loopID }) else {
            throw Problem.unknownLoop(loopID, known: instrument.loops.map(\.loop.id))
        }
        guard let caseIDColumn = plan.columns.firstIndex(where: { $0.source == .metadata(.caseID) }) else {
            throw Problem.noCaseID
        }
        self.loopID = loopID
        self.caseIDColumn = caseIDColumn
        let language = instrument.questionnaire.defaultLanguage
        // The loops a pass goes through, outermost first, this one last.
        let chain = loop.enclosing + [loop.index]

        // Each loop's items, as the variable plan numbers them: option position + 1 (exclusive
        // options make no pass), or 1…max for a count loop.
        func items(of info: LoopInfo) -> [Item] {
            if let frame = info.frame {
                return frame.options.enumerated().filter { !$0.element.exclusive }.map { position, option in
                    Item(number: position + 1, code: option.code, name: option.name, label: option.label.text(in: language))
                }
            }
            return (1...max(1, info.maxIterations)).map { Item(number: $0, code: $0, name: String($0), label: "#\($0)") }
        }
        var passItems: [[Item]] = [[]]
        for level in chain {
            let levelItems = items(of: instrument.loops[level])
            passItems = passItems.flatMap { outer in levelItems.map { outer + [$0] } }
        }
        func packed(_ items: [Item]) -> LoopPass { LoopPass(items.map(\.number)) }
        var passIndex: [LoopPass: Int] = [:]
        for (index, items) in passItems.enumerated() { passIndex[packed(items)] = index }

        // Columns asked directly in this loop (not in a loop inside it), grouped by what they
        // are apart from the pass: one long variable each, in wide-file order.
        var variables: [ExportVariable] = []
        var keyIndex: [String: Int] = [:]
        var byPass: [Int: [Int: Int]] = [:]  // pass index → long variable → wide column
        for (wideIndex, column) in plan.columns.enumerated() {
            guard let spec = column.spec, let (key, iteration) = Self.loopKey(spec.source, instrument: instrument, chain: chain),
                  let pass = passIndex[iteration] else { continue }
            let longIndex: Int
            if let known = keyIndex[key] {
                longIndex = known
            } else {
                var variable = column.variable
                let items = passItems[pass]
                let suffix = items.map { "_" + $0.name }.joined()
                if variable.name.hasSuffix(suffix) { variable.name = String(variable.name.dropLast(suffix.count)) }
                let labelSuffix = " [" + items.map(\.label).joined(separator: ", ") + "]"
                if variable.label.hasSuffix(labelSuffix) { variable.label = String(variable.label.dropLast(labelSuffix.count)) }
                longIndex = variables.count
                keyIndex[key] = longIndex
                variables.append(variable)
            }
            byPass[pass, default: [:]][longIndex] = wideIndex
        }
        passes = passItems.indices.map { index in
            Pass(items: passItems[index], wideColumns: variables.indices.map { byPass[index]?[$0] })
        }

        // Key columns: the case, then each enclosing loop's item (outermost first), then this loop's.
        var keys = [plan.columns[caseIDColumn].variable]
        for (level, loopIndex) in chain.enumerated() {
            let info = instrument.loops[loopIndex]
            let levelsOut = chain.count - 1 - level
            let names = levelsOut == 0 ? (Self.itemCodeName, Self.itemLabelName) : Self.outerNames(levelsOut: levelsOut)
            let codeLabels = info.frame.map { frame in
                frame.options.filter { !$0.exclusive }.map { ValueLabel(Double($0.code), $0.label.text(in: language)) }
            } ?? []
            keys.append(ExportVariable(name: names.0,
                                       label: info.frame == nil ? "Pass of loop \(info.loop.id) (1, 2, …)" : "Item of loop \(info.loop.id) (its code)",
                                       kind: .numeric(decimals: 0), valueLabels: codeLabels))
            let maxLabelBytes = max(1, items(of: info).map { $0.label.utf8.count }.max() ?? 1)
            keys.append(ExportVariable(name: names.1, label: "Item of loop \(info.loop.id) (its label)",
                                       kind: .string(maxBytes: maxLabelBytes)))
        }
        schema = ExportSchema(variables: keys + variables, fileLabel: fileLabel + " loop \(loopID)")
    }

    /// What a column is apart from its pass of the loops `chain` (a key shared by its passes),
    /// and the pass; nil for a column not asked directly in the innermost loop of `chain`.
    static func loopKey(_ source: VariableSpec.Source, instrument: Instrument, chain: [Int]) -> (String, LoopPass)? {
        switch source {
        case let .answer(question, gridItem, option, iteration):
            guard instrument.questions[question].loops == chain else { return nil }
            return ("a\(question)/\(gridItem ?? -1)/\(option ?? Int.min)", iteration)
        case let .specify(question, option, iteration):
            guard instrument.questions[question].loops == chain else { return nil }
            return ("s\(question)/\(option)", iteration)
        case let .optionOrder(question, iteration):
            guard instrument.questions[question].loops == chain else { return nil }
            return ("o\(question)", iteration)
        case let .computed(index, iteration):
            guard instrument.computed[index].loops == chain else { return nil }
            return ("c\(index)", iteration)
        case .metadata, .sample:
            return nil
        }
    }

    /// The long rows of one wide row: a pass counts as made when any of its variables holds a
    /// value or a missing code (not system-missing).
    func rows(of wide: [ExportCell], _ body: ([ExportCell]) throws -> Void) rethrows {
        var row: [ExportCell] = []
        row.reserveCapacity(schema.variables.count)
        for pass in passes {
            var made = false
            for index in pass.wideColumns {
                if let index, wide[index] != .systemMissing { made = true; break }
            }
            guard made else { continue }
            row.removeAll(keepingCapacity: true)
            row.append(wide[caseIDColumn])
            for item in pass.items {
                row.append(.number(Double(item.code)))
                row.append(.text(item.label))
            }
            for index in pass.wideColumns { row.append(index.map { wide[$0] } ?? .systemMissing) }
            try body(row)
        }
    }
}

/// The rows of a loop's long file, made from the wide rows as they stream by.
struct LoopLevelRows: ExportRowSource {
    let plan: LoopLevelPlan
    let wide: any ExportRowSource

    func rowCount() throws -> Int {
        var count = 0
        try forEachRow { _ in count += 1 }
        return count
    }

    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        try wide.forEachRow { cells in try plan.rows(of: cells, body) }
    }
}
