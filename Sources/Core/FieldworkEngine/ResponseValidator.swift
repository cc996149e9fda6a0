import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Checks an answer against its question's domain: type, range, code frame, options on offer,
/// exclusive options and text length. The reason it gives tells the interviewer what is allowed.
struct ResponseValidator {
    let info: QuestionInfo
    let scope: EvaluationScope
    let missingCodes: MissingCodes


    /// Whether an option is on offer at this point, without building the whole set.
    func isOffered(_ code: Int) -> Bool {
        guard let position = info.optionPosition(code: code) else { return false }
        guard let cond = info.optionConditionsByPosition[position] else { return true }
        return cond.evaluate(scope).isTrue
    }

    /// Positions in the frame of the options offered at this point (an option's showIf may withdraw it).
    func offeredIndices() -> [Int] {
        let conditions = info.optionConditionsByPosition
        var out: [Int] = []
        out.reserveCapacity(conditions.count)
        for i in conditions.indices {
            if let cond = conditions[i], !cond.evaluate(scope).isTrue { continue }
            out.append(i)
        }
        return out
    }

    /// Codes of the options offered at this point.
    func offeredCodes() -> Set<Int> {
        guard let options = info.question.frame?.options else { return [] }
        return Set(offeredIndices().map { options[$0].code })
    }

    func problem(with response: Response) -> String? {
        switch response {
        case .dontKnow:
            return info.allowDontKnow ? nil : "don't know is not allowed for this question"
        case .refused:
            return info.allowRefused ? nil : "refused is not allowed for this question"
        case .missingCode(let name):
            if info.question.allowMissing.contains(name) { return nil }
            let allowed = info.question.allowMissing
            return "\"\(name)\" is not allowed for this question" + (allowed.isEmpty ? "" : " (allowed: \(allowed.joined(separator: ", ")))")
        default: break
        }
        switch (info.kind, response) {
        case (.statement, .seen):
            return nil
        case (.single, .choice(let code, let specify)):
            guard isOffered(code) else { return "\(code) is not one of the codes offered (\(describeCodes()))" }
            return specifyProblem(code: code, text: specify)
        case (.multiple(let minC, let maxC), .choices(let codes, let specify)):
            if codes.isEmpty { return "choose at least one option" }
            for (i, c) in codes.enumerated() where codes[(i + 1)...].contains(c) { return "an option is chosen twice" }
            if let bad = codes.first(where: { !isOffered($0) }) { return "\(bad) is not one of the codes offered (\(describeCodes()))" }
            if codes.count > 1, let e = codes.first(where: { info.exclusiveCodes.contains($0) }), let o = info.question.frame?.option(code: e) {
                return "\"\(o.label.text(in: "en"))\" cannot be combined with other options"
            }
            if codes.count < minC { return "choose at least \(minC) options" }
            if let maxC, codes.count > maxC { return "choose at most \(maxC) options" }
            for c in codes { if let p = specifyProblem(code: c, text: specify[c]) { return p } }
            return nil
        case (.integer(let mn, let mx, let unit), .number(let n)):
            guard n.isFinite, n == n.rounded(), abs(n) < 1e15 else { return "enter a whole number" + rangeText(mn.map(Double.init), mx.map(Double.init), unit, decimals: 0) }
            if let mn, n < Double(mn) { return "enter a whole number" + rangeText(Double(mn), mx.map(Double.init), unit, decimals: 0) }
            if let mx, n > Double(mx) { return "enter a whole number" + rangeText(mn.map(Double.init), Double(mx), unit, decimals: 0) }
            return nil
        case (.decimal(let mn, let mx, let decimals, let unit), .number(let n)):
            guard n.isFinite, abs(n) < 1e15 else { return "enter a number" + rangeText(mn, mx, unit, decimals: decimals) }
            if let mn, n < mn { return "enter a number" + rangeText(mn, mx, unit, decimals: decimals) }
            if let mx, n > mx { return "enter a number" + rangeText(mn, mx, unit, decimals: decimals) }
            let scaled = n * pow10(decimals)
            if abs(scaled - scaled.rounded()) > 1e-6 * max(1, abs(scaled)) { return "use at most \(decimals) decimal places" }
            return nil
        case (.text(let maxLength), .text(let t)):
            let trimmed = t.trimmingSpaces
            if trimmed.isEmpty { return "type an answer, or record don't know or refused" }
            if t.count > maxLength { return "the answer is \(t.count) characters; at most \(maxLength) are allowed" }
            return nil
        case (.date(let mn, let mx), .date(let d)):
            if let mn, let lo = info.dateMin, d < lo { return "the date must be on or after \(mn)" }
            if let mx, let hi = info.dateMax, d > hi { return "the date must be on or before \(mx)" }
            return nil
        case (.grid(let items), .grid(let cells)):
            guard cells.count == items.count else { return "answer every row: \(items.count) expected, \(cells.count) given" }
            for (i, cell) in cells.enumerated() {
                switch cell {
                case .choice(let code, _):
                    if !isOffered(code) { return "row \(i + 1): \(code) is not one of the codes offered (\(describeCodes()))" }
                case .dontKnow where info.allowDontKnow, .refused where info.allowRefused:
                    continue
                default:
                    return "row \(i + 1) needs one of the codes \(describeCodes())"
                }
            }
            return nil
        default:
            return "a \(info.kind.typeName) question cannot take \(describe(response))"
        }
    }

    private func specifyProblem(code: Int, text: String?) -> String? {
        guard info.specifyCodes.contains(code), let option = info.question.frame?.option(code: code), let spec = option.specify else {
            return nil
        }
        let t = (text ?? "").trimmingSpaces
        if spec.required && t.isEmpty { return "type what \"\(option.label.text(in: "en"))\" is (please specify)" }
        if t.count > spec.maxLength { return "the specified text is \(t.count) characters; at most \(spec.maxLength) are allowed" }
        return nil
    }

    private func describeCodes() -> String {
        let offered = offeredCodes()
        let codes = (info.question.frame?.options ?? []).map(\.code).filter { offered.contains($0) }
        if codes.count > 8 { return "\(codes.first!)–\(codes.last!)" }
        return codes.map(String.init).joined(separator: ", ")
    }

    private func describe(_ r: Response) -> String {
        switch r {
        case .number: return "a number"
        case .text: return "text"
        case .date: return "a date"
        case .choice: return "a single option"
        case .choices: return "several options"
        case .grid: return "grid rows"
        case .dontKnow: return "don't know"
        case .refused: return "refused"
        case .missingCode(let name): return name
        case .seen: return "an acknowledgement"
        }
    }

    private func rangeText(_ mn: Double?, _ mx: Double?, _ unit: String?, decimals: Int) -> String {
        let u = unit.map { " (\($0))" } ?? ""
        switch (mn, mx) {
        case let (a?, b?): return " from \(ValueFormatter.number(a, decimals: decimals)) to \(ValueFormatter.number(b, decimals: decimals))" + u
        case let (a?, nil): return " of at least \(ValueFormatter.number(a, decimals: decimals))" + u
        case let (nil, b?): return " of at most \(ValueFormatter.number(b, decimals: decimals))" + u
        default: return u
        }
    }

    private func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }
}
