import FieldworkChecker
import FieldworkExport

/// Counts every question's answers over the rows of a survey export, unweighted and (when a row has
/// a weight) weighted. Memory: the counts, plus the values of numeric questions for their medians.
struct ToplineTally {
    /// What one topline reads from the row.
    struct Item {
        var variable: String
        var question: String
        var label: String
        var kind: Topline.Kind
        /// One column, or a multiple choice's option columns in frame order.
        var columns: [Int]
        /// Single choice and grid items: the code frame (code, label); multiple choice: each column's option label.
        var options: [(code: Double, label: String)]
    }

    /// Running totals of one item.
    struct Totals {
        var base = 0
        var weightedBase = 0.0
        var dontKnow = 0
        var weightedDontKnow = 0.0
        var refused = 0
        var weightedRefused = 0.0
        /// Per option (index into `options`); codes outside the frame are kept apart.
        var counts: [Int] = []
        var weightedCounts: [Double] = []
        var otherCodes: [Double: (count: Int, weighted: Double)] = [:]
        var values: [Double] = []
        var weightedValueSum = 0.0
        var weightedValueTotal = 0.0
        var answered = 0
    }

    let items: [Item]
    private(set) var totals: [Totals]
    let dontKnowCode: Double
    let refusedCode: Double

    init(columns: [SurveyColumn], instrument: Instrument) {
        let missing = instrument.questionnaire.missingCodes
        dontKnowCode = Double(missing.dontKnow)
        refusedCode = Double(missing.refused)
        var items: [Item] = []
        /// Position in `items` of each multiple choice (question, loop pass) met so far.
        var multiple: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            guard let spec = column.spec, case let .answer(question, gridItem, option, iteration) = spec.source else { continue }
            let info = instrument.questions[question].question
            let variable = column.variable
            if let option {
                let frameOption = info.frame?.options.first { $0.code == option }
                let optionName = frameOption?.name ?? String(option)
                let optionLabel = frameOption?.label.text(in: instrument.questionnaire.defaultLanguage) ?? optionName
                let key = "\(question)|\(gridItem ?? -1)|\(iteration.packed)"
                if let at = multiple[key] {
                    items[at].columns.append(index)
                    items[at].options.append((Double(option), optionLabel))
                    continue
                }
                let stem = info.id + "_" + optionName
                let suffix = variable.name.hasPrefix(stem) ? String(variable.name.dropFirst(stem.count)) : ""
                let tail = ": " + optionLabel
                let label = variable.label.hasSuffix(tail) ? String(variable.label.dropLast(tail.count)) : variable.label
                multiple[key] = items.count
                items.append(Item(variable: info.id + suffix, question: info.id, label: label, kind: .multiple, columns: [index],
                                  options: [(Double(option), optionLabel)]))
                continue
            }
            let frame = spec.valueLabels.map { (code: Double($0.code), label: $0.label) }
            let kind: Topline.Kind
            switch spec.kind {
            case .numeric: kind = gridItem != nil ? .gridItem : (frame.isEmpty ? .number : .single)
            case .text: kind = .text
            case .date: kind = .date
            }
            items.append(Item(variable: variable.name, question: info.id, label: variable.label, kind: kind, columns: [index], options: frame))
        }
        self.items = items
        totals = items.map { item in
            var t = Totals()
            t.counts = Array(repeating: 0, count: item.options.count)
            t.weightedCounts = Array(repeating: 0, count: item.options.count)
            return t
        }
    }

    /// Adds one exported interview; `weight` nil leaves it out of the weighted figures.
    mutating func add(_ cells: [ExportCell], weight: Double?) {
        let w = weight ?? 0
        for (position, item) in items.enumerated() {
            let cell = cells[item.columns[0]]
            switch cell {
            case .systemMissing: continue
            case .text(let t) where t.isEmpty: continue
            default: break
            }
            totals[position].base += 1
            totals[position].weightedBase += w
            if case .missing(let code) = cell {
                if code == refusedCode {
                    totals[position].refused += 1
                    totals[position].weightedRefused += w
                } else {
                    totals[position].dontKnow += 1
                    totals[position].weightedDontKnow += w
                }
                continue
            }
            switch item.kind {
            case .multiple:
                for (k, column) in item.columns.enumerated() {
                    if case .number(let n) = cells[column], n == 1 {
                        totals[position].counts[k] += 1
                        totals[position].weightedCounts[k] += w
                    }
                }
            case .single, .gridItem:
                guard case .number(let n) = cell else { continue }
                if let k = item.options.firstIndex(where: { $0.code == n }) {
                    totals[position].counts[k] += 1
                    totals[position].weightedCounts[k] += w
                } else {
                    let known = totals[position].otherCodes[n] ?? (0, 0)
                    totals[position].otherCodes[n] = (known.count + 1, known.weighted + w)
                }
            case .number:
                guard case .number(let n) = cell else { continue }
                totals[position].values.append(n)
                if weight != nil {
                    totals[position].weightedValueSum += w * n
                    totals[position].weightedValueTotal += w
                }
            case .text, .date:
                totals[position].answered += 1
            }
        }
    }

    /// The toplines; weighted percentages only when `weighted`.
    func toplines(weighted: Bool) -> [Topline] {
        items.indices.map { position in
            let item = items[position]
            let t = totals[position]
            func row(code: Double?, label: String, count: Int, weightedCount: Double) -> ToplineRow {
                ToplineRow(code: code, label: label, count: count,
                           percent: OrderStatistics.share(Double(count) * 100, of: Double(t.base)),
                           weightedPercent: weighted ? OrderStatistics.share(weightedCount * 100, of: t.weightedBase) : nil)
            }
            var rows: [ToplineRow] = []
            switch item.kind {
            case .single, .gridItem, .multiple:
                for (k, option) in item.options.enumerated() {
                    rows.append(row(code: item.kind == .multiple ? nil : option.code, label: option.label, count: t.counts[k],
                                    weightedCount: t.weightedCounts[k]))
                }
                for (code, other) in t.otherCodes.sorted(by: { $0.key < $1.key }) {
                    rows.append(row(code: code, label: "code \(DecimalFigure.text(code)) (not in the code frame)", count: other.count,
                                    weightedCount: other.weighted))
                }
            case .text, .date:
                rows.append(row(code: nil, label: "answered", count: t.answered, weightedCount: t.weightedBase - t.weightedDontKnow - t.weightedRefused))
            case .number:
                break
            }
            var numbers: NumberSummary?
            if item.kind == .number {
                numbers = NumberSummary(
                    answered: t.values.count,
                    mean: OrderStatistics.share(t.values.reduce(0, +), of: Double(t.values.count)),
                    median: OrderStatistics.median(t.values), minimum: t.values.min(), maximum: t.values.max(),
                    weightedMean: weighted ? OrderStatistics.share(t.weightedValueSum, of: t.weightedValueTotal) : nil)
            }
            return Topline(variable: item.variable, question: item.question, label: item.label, kind: item.kind, base: t.base,
                           weightedBase: weighted ? t.weightedBase : nil, rows: rows,
                           dontKnow: row(code: dontKnowCode, label: "Don't know", count: t.dontKnow, weightedCount: t.weightedDontKnow),
                           refused: row(code: refusedCode, label: "Refused", count: t.refused, weightedCount: t.weightedRefused),
                           numbers: numbers)
        }
    }
}
