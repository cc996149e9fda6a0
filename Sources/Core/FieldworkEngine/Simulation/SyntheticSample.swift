import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Makes up sample records for simulation. Text fields take the values the questionnaire compares
/// them with (so `sample.sector == 'retail'` routes are exercised), numbers a plausible range.
public struct SyntheticSample: Sendable {
    let instrument: Instrument
    var literals: [String: [String]] = [:]
    /// "Synthetic <field name in words>", made once per field rather than once per record.
    private var placeholders: [String: String] = [:]

    public init(instrument: Instrument) {
        self.instrument = instrument
        var found: [String: Set<String>] = [:]
        for condition in Self.allConditions(instrument.questionnaire) {
            if let e = condition.expression { Self.collect(e, into: &found) }
        }
        literals = found.mapValues { $0.sorted() }
        for f in instrument.questionnaire.sampleFields { placeholders[f.name] = "Synthetic \(f.name.replacingUnderscores) " }
    }

    public func record(index: Int, rng: inout SeededRandom) -> SampleRecord {
        var fields: [String: String] = [:]
        for f in instrument.questionnaire.sampleFields {
            switch f.kind {
            case .phone:
                fields[f.name] = "020 7946 0\(String(format3(index % 1000)))"
            case .number:
                fields[f.name] = String(Int(rng.next() % 250) + 1)
            case .text:
                if let values = literals[f.name], !values.isEmpty, !rng.chance(0.1) {
                    fields[f.name] = values[Int(rng.next() % UInt64(values.count))]
                } else {
                    fields[f.name] = (placeholders[f.name] ?? "Synthetic ") + String(index + 1)
                }
            }
        }
        return SampleRecord(fields)
    }

    private func format3(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: 3 - s.count) + s
    }

    static func allConditions(_ q: Questionnaire) -> [Condition] {
        var out: [Condition] = []
        func walk(_ items: [Item]) {
            for item in items {
                switch item {
                case .question(let question):
                    if let c = question.askIf { out.append(c) }
                    out += question.checks.map(\.require)
                    for o in question.frame?.options ?? [] { if let c = o.showIf { out.append(c) } }
                case .loop(let l):
                    if let c = l.askIf { out.append(c) }
                    walk(l.items)
                case .computed(let c):
                    out.append(c.expression)
                case .end(let e):
                    if let c = e.askIf { out.append(c) }
                }
            }
        }
        for s in q.sections {
            if let c = s.askIf { out.append(c) }
            walk(s.items)
        }
        return out
    }

    static func collect(_ e: Expression, into found: inout [String: Set<String>]) {
        switch e.node {
        case .binary(let op, let l, let r):
            if op == .equal || op == .notEqual || op == .in {
                if case .reference(let path) = l.node, path.count == 2, path[0] == "sample" {
                    switch r.node {
                    case .string(let s): found[path[1], default: []].insert(s)
                    case .list(let items):
                        for i in items { if case .string(let s) = i.node { found[path[1], default: []].insert(s) } }
                    default: break
                    }
                }
                if case .reference(let path) = r.node, path.count == 2, path[0] == "sample", case .string(let s) = l.node {
                    found[path[1], default: []].insert(s)
                }
            }
            collect(l, into: &found)
            collect(r, into: &found)
        case .unary(_, let x): collect(x, into: &found)
        case .call(_, let args): for a in args { collect(a, into: &found) }
        case .list(let items): for i in items { collect(i, into: &found) }
        default: break
        }
    }
}

extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
