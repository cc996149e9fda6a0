import FieldworkChecker
import FieldworkModel

/// The long file of one loop (`export --level LOOP_ID`): one row per pass an interview made, with
/// the case key, the pass's item (its code and label: the option of a for-each loop, the number of
/// a count loop) and the variables asked in that pass, named without the pass's suffix
/// (`v_when_burglary` → `v_when`). Built from the wide plan, so names, labels, codes and missing
/// values are the wide file's.
public struct LoopLevelPlan: Sendable {
    /// One pass of the loop: its item and where its variables sit in the wide row.
    struct Pass: Sendable {
        var code: Int
        var label: String
        /// Per long variable, the index of this pass's column in the wide row (nil: not planned).
        var wideColumns: [Int?]
    }

    public let loopID: String
    public let schema: ExportSchema
    let caseIDColumn: Int
    let passes: [Pass]

    public static let caseIDName = "case_id"
    public static let itemCodeName = "item_code"
    public static let itemLabelName = "item_label"

    /// Why a loop cannot be exported as a long file.
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case unknownLoop(String, known: [String])
        case nested(String, inside: String)
        case noCaseID

        public var description: String {
            switch self {
            case let .unknownLoop(id, known):
                return "--level \(id): no loop of that id in the questionnaire"
                    + (known.isEmpty ? " (it has no loops)" : "; its loops are \(known.joined(separator: ", "))")
            case let .nested(id, outer):
                return "--level \(id): a loop inside loop \(outer) cannot be exported on its own yet; export --level \(outer)"
            case .noCaseID:
                return "the export has no case_id column to key the long file"
            }
        }
    }

    public init(wide plan: SurveyColumnPlan, instrument: Instrument, loopID: String, fileLabel: String) throws {
        guard let loop = instrument.loops.first(where: { $0.loop.id == loopID }) else {
            throw Problem.unknownLoop(loopID, known: instrument.loops.map(\.loop.id))
        }
        if let outer = loop.enclosing.first {
            throw Problem.nested(loopID, inside: instrument.loops[outer].loop.id)
        }
        guard let caseIDColumn = plan.columns.firstIndex(where: { $0.source == .metadata(.caseID) }) else {
            throw Problem.noCaseID
        }
        self.loopID = loopID
        self.caseIDColumn = caseIDColumn
        let language = instrument.questionnaire.defaultLanguage

        // The loop's passes, as the variable plan numbers them: option position + 1 (exclusive
        // options make no pass), or 1…max for a count loop.
        var passItems: [(number: Int, code: Int, name: String, label: String)] = []
        if let frame = loop.frame {
            for (position, option) in frame.options.enumerated() where !option.exclusive {
                passItems.append((position + 1, option.code, option.name, option.label.text(in: language)))
            }
        } else {
            for n in 1...max(1, loop.maxIterations) { passItems.append((n, n, String(n), "#\(n)")) }
        }

        // Columns asked directly in this loop (not in a loop inside it), grouped by what they
        // are apart from the pass: one long variable each, in wide-file order.
        var variables: [ExportVariable] = []
        var keyIndex: [String: Int] = [:]
        var byPass: [Int: [Int: Int]] = [:]  // pass number → long variable → wide column
        for (wideIndex, column) in plan.columns.enumerated() {
            guard let spec = column.spec, let (key, iteration) = Self.loopKey(spec.source, instrument: instrument, loop: loop.index),
                  iteration.depth == 1 else { continue }
            let number = iteration.number(at: 0)
            guard let item = passItems.first(where: { $0.number == number }) else { continue }
            let longIndex: Int
            if let known = keyIndex[key] {
                longIndex = known
            } else {
                var variable = column.variable
                let suffix = "_" + item.name
                if variable.name.hasSuffix(suffix) { variable.name = String(variable.name.dropLast(suffix.count)) }
                let labelSuffix = " [" + item.label + "]"
                if variable.label.hasSuffix(labelSuffix) { variable.label = String(variable.label.dropLast(labelSuffix.count)) }
                longIndex = variables.count
                keyIndex[key] = longIndex
                variables.append(variable)
            }
            byPass[number, default: [:]][longIndex] = wideIndex
        }
        passes = passItems.map { item in
            Pass(code: item.code, label: item.label,
                 wideColumns: variables.indices.map { byPass[item.number]?[$0] })
        }

        let caseID = plan.columns[caseIDColumn].variable
        let codeLabels = loop.frame.map { frame in
            frame.options.filter { !$0.exclusive }.map { ValueLabel(Double($0.code), $0.label.text(in: language)) }
        } ?? []
        let itemCode = ExportVariable(name: Self.itemCodeName,
                                      label: loop.frame == nil ? "Pass of loop \(loopID) (1, 2, …)" : "Item of loop \(loopID) (its code)",
                                      kind: .numeric(decimals: 0), valueLabels: codeLabels)
        let maxLabelBytes = max(1, passItems.map { $0.label.utf8.count }.max() ?? 1)
        let itemLabel = ExportVariable(name: Self.itemLabelName, label: "Item of loop \(loopID) (its label)",
                                       kind: .string(maxBytes: maxLabelBytes))
        schema = ExportSchema(variables: [caseID, itemCode, itemLabel] + variables,
                              fileLabel: fileLabel + " loop \(loopID)")
    }

    /// What a column is apart from its pass of `loop` (a key shared by its passes), and the pass.
    static func loopKey(_ source: VariableSpec.Source, instrument: Instrument, loop: Int) -> (String, LoopPass)? {
        switch source {
        case let .answer(question, gridItem, option, iteration):
            guard instrument.questions[question].loops.first == loop else { return nil }
            return ("a\(question)/\(gridItem ?? -1)/\(option ?? Int.min)", iteration)
        case let .specify(question, option, iteration):
            guard instrument.questions[question].loops.first == loop else { return nil }
            return ("s\(question)/\(option)", iteration)
        case let .optionOrder(question, iteration):
            guard instrument.questions[question].loops.first == loop else { return nil }
            return ("o\(question)", iteration)
        case let .computed(index, iteration):
            guard instrument.computed[index].loops.first == loop else { return nil }
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
            row.append(.number(Double(pass.code)))
            row.append(.text(pass.label))
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
