import FieldworkExpressions
import FieldworkDiagnostics
import FieldworkModel

/// Derives the export variables from the questionnaire: one per question, one per grid item, one
/// 0/1 column per multiple-choice option, a text column per "specify" option, and a copy per loop
/// pass suffixed with the pass's short name (`incidents_burglary`).
struct VariablePlanner {
    let questionnaire: Questionnaire
    let questions: [QuestionInfo]
    let computed: [ComputedInfo]
    let loops: [LoopInfo]
    /// Per computed variable: the places and size its inputs allow (`NumericExtents`).
    let computedExtents: [NumericExtent]

    func plan() -> [VariableSpec] {
        var out: [VariableSpec] = []
        let root = questionnaire.sections.first?.location ?? .start(of: questionnaire.file)
        for field in VariableSpec.MetadataField.allCases {
            let kind: VariableSpec.Kind
            switch field {
            case .durationSeconds, .skippedRecords: kind = .numeric(decimals: 0)
            case .startTime, .endTime: kind = .text(maxLength: 25)
            default: kind = .text(maxLength: 64)
            }
            out.append(VariableSpec(name: field.rawValue, label: Self.metadataLabel(field), kind: kind, valueLabels: [],
                                    allowsDontKnow: false, allowsRefused: false, source: .metadata(field), location: root))
        }
        for (i, f) in questionnaire.sampleFields.enumerated() where !f.identifier {
            out.append(VariableSpec(name: f.name, label: f.label?.text(in: questionnaire.defaultLanguage) ?? "Sample: \(f.name)",
                                    kind: f.kind == .number ? .numeric(decimals: 2) : .text(maxLength: 255), valueLabels: [],
                                    allowsDontKnow: false, allowsRefused: false, source: .sample(field: i), location: f.location))
        }
        // Questions and computed variables in questionnaire order; each with all its loop passes.
        enum Entry { case question(QuestionInfo), computed(ComputedInfo) }
        var entries: [(Int, Entry)] = questions.map { ($0.programIndex, .question($0)) }
        entries += computed.map { ($0.programIndex, .computed($0)) }
        entries.sort { $0.0 < $1.0 }
        for (_, entry) in entries {
            switch entry {
            case .question(let q):
                for pass in passes(for: q.loops) { out += variables(for: q, pass: pass) }
            case .computed(let c):
                for pass in passes(for: c.loops) {
                    let kind: VariableSpec.Kind
                    switch c.expression?.resultType {
                    case .text?: kind = .text(maxLength: 255)
                    case .date?: kind = .date
                    case .integer?, .boolean?, .choice?: kind = .numeric(decimals: 0)
                    // Decimal values keep the most places their inputs declare; 2 when nothing bounds them (a division).
                    default: kind = .numeric(decimals: c.index < computedExtents.count ? computedExtents[c.index].decimals ?? 2 : 2)
                    }
                    let label = (c.variable.label?.text(in: questionnaire.defaultLanguage) ?? c.variable.id) + labelSuffix(pass.labels)
                    out.append(VariableSpec(name: c.variable.id + suffix(pass.names), label: label,
                                            kind: kind, valueLabels: [], allowsDontKnow: false, allowsRefused: false,
                                            source: .computed(c.index, iteration: pass.iteration), location: c.variable.location))
                }
            }
        }
        return out
    }

    static func metadataLabel(_ field: VariableSpec.MetadataField) -> String {
        switch field {
        case .caseID: return "Case identifier"
        case .interviewer: return "Interviewer"
        case .status: return "Interview status"
        case .disposition: return "Final AAPOR disposition code"
        case .startTime: return "Interview start (UTC)"
        case .endTime: return "Interview end (UTC)"
        case .durationSeconds: return "Interview duration (seconds)"
        case .questionnaireVersion: return "Questionnaire version"
        case .skippedRecords: return "Damaged journal records skipped"
        case .language: return "Language of the interview (the last one used)"
        }
    }

    struct Pass {
        var iteration: LoopPass
        var names: [String]
        var labels: [String]
    }

    /// Every pass through the given loops, outermost first.
    func passes(for loopIndices: [Int]) -> [Pass] {
        var result = [Pass(iteration: .none, names: [], labels: [])]
        for l in loopIndices {
            let info = loops[l]
            var next: [Pass] = []
            for p in result {
                if let frame = info.frame {
                    for (i, o) in frame.options.enumerated() where !o.exclusive {
                        next.append(Pass(iteration: p.iteration.appending(i + 1), names: p.names + [o.name],
                                         labels: p.labels + [o.label.text(in: questionnaire.defaultLanguage)]))
                    }
                } else {
                    for n in 1...max(1, info.maxIterations) {
                        next.append(Pass(iteration: p.iteration.appending(n), names: p.names + [String(n)], labels: p.labels + ["#\(n)"]))
                    }
                }
            }
            result = next
        }
        return result
    }

    func suffix(_ names: [String]) -> String { names.map { "_" + $0 }.joined() }
    func labelSuffix(_ labels: [String]) -> String { labels.isEmpty ? "" : " [" + labels.joined(separator: ", ") + "]" }

    func variables(for info: QuestionInfo, pass: Pass) -> [VariableSpec] {
        let q = info.question
        let language = questionnaire.defaultLanguage
        let baseLabel = Self.clean(q.label?.text(in: language) ?? q.text.text.text(in: language)) + labelSuffix(pass.labels)
        let sfx = suffix(pass.names)
        let valueLabels = (q.frame?.options ?? []).map { VariableSpec.ValueLabel(code: $0.code, label: $0.label.text(in: language)) }
        func spec(_ name: String, _ label: String, _ kind: VariableSpec.Kind, _ labels: [VariableSpec.ValueLabel], source: VariableSpec.Source, dk: Bool = q.allowDontKnow, ref: Bool = q.allowRefused,
                  extra: [String] = q.allowMissing) -> VariableSpec {
            // A specify text or option order is never a non-answer: those pass dk, ref and extra off.
            // A question may allow extra codes with don't know and refused both off.
            VariableSpec(name: name, label: label, kind: kind, valueLabels: labels, allowsDontKnow: dk, allowsRefused: ref,
                         allowsMissing: extra, source: source, location: q.location)
        }
        var out: [VariableSpec] = []
        switch q.kind {
        case .statement:
            return []
        case .single:
            out.append(spec(q.id + sfx, baseLabel, .numeric(decimals: 0), valueLabels, source: .answer(question: info.index, gridItem: nil, option: nil, iteration: pass.iteration)))
        case .multiple:
            for o in q.frame?.options ?? [] {
                let optionLabel = o.label.text(in: language)
                out.append(spec(q.id + "_" + o.name + sfx, baseLabel + ": " + optionLabel, .numeric(decimals: 0),
                                [VariableSpec.ValueLabel(code: 0, label: "Not selected"), VariableSpec.ValueLabel(code: 1, label: "Selected")],
                                source: .answer(question: info.index, gridItem: nil, option: o.code, iteration: pass.iteration)))
            }
        case .integer:
            out.append(spec(q.id + sfx, baseLabel, .numeric(decimals: 0), [], source: .answer(question: info.index, gridItem: nil, option: nil, iteration: pass.iteration)))
        case .decimal(_, _, let decimals, _):
            out.append(spec(q.id + sfx, baseLabel, .numeric(decimals: decimals), [], source: .answer(question: info.index, gridItem: nil, option: nil, iteration: pass.iteration)))
        case .text(let maxLength):
            out.append(spec(q.id + sfx, baseLabel, .text(maxLength: maxLength), [], source: .answer(question: info.index, gridItem: nil, option: nil, iteration: pass.iteration)))
        case .date:
            out.append(spec(q.id + sfx, baseLabel, .date, [], source: .answer(question: info.index, gridItem: nil, option: nil, iteration: pass.iteration)))
        case .grid(let items):
            for (gi, item) in items.enumerated() {
                out.append(spec(q.id + "_" + item.name + sfx, baseLabel + ": " + Self.clean(item.text.text.text(in: language)), .numeric(decimals: 0), valueLabels,
                                source: .answer(question: info.index, gridItem: gi, option: nil, iteration: pass.iteration)))
            }
        }
        if q.order.isDrawn, let options = q.frame?.options, !options.isEmpty {
            // The codes in shown order, separated by single spaces.
            let width = options.map { String($0.code).utf8.count + 1 }.reduce(0, +)
            out.append(spec(q.id + "_order" + sfx, baseLabel + ": order the options were offered in (\(q.order.rawValue))",
                            .text(maxLength: max(1, width - 1)), [], source: .optionOrder(question: info.index, iteration: pass.iteration),
                            dk: false, ref: false, extra: []))
        }
        for o in q.frame?.options ?? [] {
            if let specify = o.specify {
                out.append(spec(q.id + "_" + o.name + "_spec" + sfx, baseLabel + ": " + o.label.text(in: language) + " (specify)",
                                .text(maxLength: specify.maxLength), [], source: .specify(question: info.index, option: o.code, iteration: pass.iteration),
                                dk: false, ref: false, extra: []))
            }
        }
        return out
    }

    /// Question text as a label: fills shown as their names, white space folded.
    static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == " " }).joined(separator: " ")
    }
}
