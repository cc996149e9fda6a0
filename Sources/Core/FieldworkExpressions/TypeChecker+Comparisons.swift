import FieldworkBasics
import FieldworkDiagnostics

/// Comparison and membership rules: which kinds of value may meet, option names resolved to codes,
/// and the never-true checks that depend on a comparison's shape.
extension TypeChecker {
    mutating func checkComparison(_ op: BinaryOperator, _ l: Typed, _ r: Typed, range: Range<Int>) -> Typed? {
        for side in [l, r] {
            if case .choices = side.type {
                let name = side.name ?? "the answer"
                error(ExpressionCodes.multipleChoiceEquality, range,
                      "'\(name)' is a multiple choice; use 'option' in \(name) to test one option, or count(\(name)) to count them")
                return nil
            }
        }
        // Put the side that gives meaning to literals (choice, date) on the left.
        var a = l, b = r, op = op
        if TypeRules.interpretsLiterals(b.type), !TypeRules.interpretsLiterals(a.type) {
            swap(&a, &b)
            op = op.mirrored
        }
        let isEquality = op == .equal || op == .notEqual

        switch (a.type, b.type) {
        case (.choice(let f), .choice(let g)):
            guard f.name == g.name else {
                error(ExpressionCodes.differentFrames, range,
                      "cannot compare \(describe(a)) with \(describe(b)): they use different code frames ('\(f.name)' and '\(g.name)')")
                return nil
            }
        case (.choice(let frame), _) where b.node.constantValue != nil && (b.type == .text || b.type.isNumeric):
            guard let code = resolveOption(frame, b, checkExists: isEquality) else { return nil }
            b.node = .constant(.choice(code))
            b.type = a.type
        case (.choice, .integer):
            break // a computed code, compared at run time
        case (.choice, _):
            error(ExpressionCodes.incomparable, range,
                  "cannot compare \(describe(a)) with \(describe(b)); compare it with an option name like 'yes' or a code like 1")
            return nil
        case (let x, let y) where x.isNumeric && y.isNumeric:
            break
        case (.text, .text):
            if !isEquality {
                error(ExpressionCodes.unorderable, range,
                      "text cannot be ordered with '\(op.rawValue)'; compare text with == or !=, or compare len(…)")
                return nil
            }
        case (.date, .date):
            break
        case (.date, .text) where b.node.constantValue != nil:
            guard case .text(let literal)? = b.node.constantValue, let date = CivilDate(parsing: literal) else {
                error(ExpressionCodes.badDate, b.range, "compare dates with a date written 'YYYY-MM-DD', e.g. date('2025-03-31')")
                return nil
            }
            b.node = .constant(.date(date.daysSinceEpoch))
            b.type = .date
        case (.boolean, .boolean):
            if !isEquality {
                error(ExpressionCodes.unorderable, range, "true/false values cannot be ordered with '\(op.rawValue)'; use == or !=")
                return nil
            }
        case (.text, let y) where y.isNumeric:
            error(ExpressionCodes.incomparable, range,
                  "cannot compare \(describe(a)) with \(TypeRules.phrase(y)); quote the number ('12') to compare text, or compare a number question")
            return nil
        case (let x, .text) where x.isNumeric:
            error(ExpressionCodes.incomparable, range,
                  "cannot compare \(describe(b)) with \(TypeRules.phrase(x)); quote the number ('12') to compare text, or compare a number question")
            return nil
        default:
            error(ExpressionCodes.incomparable, range, "cannot compare \(describe(a)) with \(describe(b))")
            return nil
        }

        if isEquality {
            for (name, value) in [(a, b), (b, a)] {
                guard let known = name.symbol?.knownValues, let constant = value.node.constantValue else { continue }
                guard checkKnown(known, constant, name: name.name ?? "this name", at: value.range) else { return nil }
            }
        }
        let comparison = Node.Comparison(op)!
        outsideRangeReason = nil
        var result: Typed
        if case .load(let symbol) = a.node, let constant = b.node.constantValue {
            result = Typed(node: .compareLoad(comparison, symbol, constant), type: .boolean, range: range)
            result.facts = facts(op, a, constant, range: range)
        } else if case .load(let symbol) = b.node, let constant = a.node.constantValue {
            result = Typed(node: .compareLoad(Node.Comparison(op.mirrored)!, symbol, constant), type: .boolean, range: range)
            result.facts = facts(op.mirrored, b, constant, range: range)
        } else if let constant = b.node.constantValue, a.node.constantValue == nil {
            result = Typed(node: .compareConstant(comparison, a.node, constant), type: .boolean, range: range)
        } else if let constant = a.node.constantValue, b.node.constantValue == nil {
            result = Typed(node: .compareConstant(Node.Comparison(op.mirrored)!, b.node, constant), type: .boolean, range: range)
        } else {
            result = Typed(node: .compare(comparison, a.node, b.node), type: .boolean, range: range)
        }
        result.neverHolds = outsideRangeReason
        return folded(result, a, b)
    }

    /// Whether `value` is one of the values `name` can take; an error with a suggestion if not.
    mutating func checkKnown(_ known: KnownValues, _ value: RuntimeValue, name: String, at range: Range<Int>) -> Bool {
        if known.contains(value) { return true }
        switch value {
        case .text(let text):
            let hint = NearMiss.suggestion(for: text, among: known.texts).map { " — did you mean '\($0)'?" } ?? " (they are \(known.list))"
            error(ExpressionCodes.unknownOptionName, range, "\(name) is never '\(text)': it takes \(known.origin)\(hint)")
        default:
            error(ExpressionCodes.unknownCode, range, "\(name) is never \(value): it takes \(known.origin) (\(known.list))")
        }
        return false
    }

    /// Facts for contradiction detection, plus the range-based never-true warning.
    mutating func facts(_ op: BinaryOperator, _ reference: Typed, _ constant: RuntimeValue, range: Range<Int>) -> [ConditionFact] {
        guard let info = reference.symbol, let name = reference.name else { return [] }
        let text = "\(name) \(op.rawValue) \(literalText(constant, reference.type))"
        if case .number(let value) = constant, reference.type.isNumeric {
            guard let interval = NumericInterval(op, value) else { return [] }
            if let known = info.range, interval.intersection(NumericInterval(known)).isEmpty {
                let reason = "'\(text)' can never be true: \(name) is between \(RuntimeValue.format(known.lowerBound)) and \(RuntimeValue.format(known.upperBound))"
                warning(ExpressionCodes.outsideRange, range, reason)
                outsideRangeReason = reason
                return []
            }
            return [ConditionFact(symbol: info.id, name: name, constraint: .within(interval), text: text)]
        }
        guard op == .equal else { return [] }
        return [ConditionFact(symbol: info.id, name: name, constraint: .equals(constant), text: text)]
    }

    /// A constant as the designer would write it, with option codes shown by name.
    func literalText(_ value: RuntimeValue, _ type: ValueType) -> String {
        switch value {
        case .choice(let code):
            if case .choice(let frame) = type, let name = frame.namesByCode[code] { return "'\(name)'" }
            return String(code)
        case .text(let text): return ExpressionPrinter.quote(text)
        case .date(let days): return "date('\(CivilDate(daysSinceEpoch: days))')"
        default: return value.description
        }
    }

    /// The code an option literal stands for: a short name ('retail') or a code (3).
    mutating func resolveOption(_ frame: CodeFrameInfo, _ literal: Typed, checkExists: Bool) -> Int? {
        switch literal.node.constantValue {
        case .text(let name)?:
            if let code = frame.codesByName[name] { return code }
            if let suggestion = NearMiss.suggestion(for: name, among: frame.codesByName.keys) {
                error(ExpressionCodes.unknownOptionName, literal.range,
                      "'\(name)' is not an option of frame '\(frame.name)' — did you mean '\(suggestion)'?")
            } else {
                error(ExpressionCodes.unknownOptionName, literal.range,
                      "'\(name)' is not an option of frame '\(frame.name)' (options: \(frame.nameList))")
            }
            return nil
        case .number(let value)?:
            guard value == value.rounded(), Swift.abs(value) < 1e15 else {
                error(ExpressionCodes.unknownCode, literal.range, "option codes are whole numbers; \(RuntimeValue.format(value)) is not")
                return nil
            }
            let code = Int(value)
            if checkExists, frame.namesByCode[code] == nil {
                error(ExpressionCodes.unknownCode, literal.range,
                      "\(code) is not a code of frame '\(frame.name)' (codes: \(frame.codeList))")
                return nil
            }
            return code
        default:
            error(ExpressionCodes.incomparable, literal.range,
                  "expected an option name like 'yes' or a code like 1 of frame '\(frame.name)'")
            return nil
        }
    }

    mutating func checkMembership(_ left: Expression, _ right: Expression, range: Range<Int>) -> Typed? {
        if case .list(let elements) = right.node {
            return checkListMembership(left, elements, listRange: right.range, range: range)
        }
        // A named option set stands for the list of its options.
        if case .reference(let path) = right.node, path.count == 1, let set = symbols.optionSet(named: path[0]) {
            let elements = set.names.map { Expression(.string($0), range: right.range) }
            return checkListMembership(left, elements, listRange: right.range, range: range)
        }
        let l = check(left), r = check(right)
        guard let l, let r else { return nil }
        guard case .choices(let frame) = r.type else {
            error(ExpressionCodes.badInOperand, right.range,
                  "the right side of 'in' must be a multiple-choice answer or a list like ['a', 'b']; got \(describe(r))")
            return nil
        }
        if l.node.constantValue != nil, l.type == .text || l.type.isNumeric {
            guard let code = resolveOption(frame, l, checkExists: true) else { return nil }
            return folded(Typed(node: .containsCode(r.node, code), type: .boolean, range: range), r)
        }
        if case .choice(let g) = l.type, g.name == frame.name {
            return folded(Typed(node: .containsChoice(choices: r.node, choice: l.node), type: .boolean, range: range), l, r)
        }
        error(ExpressionCodes.badInOperand, left.range,
              "the left of 'in' must be an option name like 'burglary', an option code, or a single choice from frame '\(frame.name)'; got \(describe(l))")
        return nil
    }

    mutating func checkListMembership(_ left: Expression, _ elements: [Expression], listRange: Range<Int>, range: Range<Int>) -> Typed? {
        let checkedLeft = check(left)
        let checkedElements = elements.map { check($0) }
        guard let l = checkedLeft else { return nil }
        if case .choices = l.type {
            let name = l.name ?? "the answer"
            error(ExpressionCodes.badInOperand, left.range,
                  "'\(name)' is a multiple choice; test one option with 'option' in \(name)")
            return nil
        }
        var values: [RuntimeValue] = []
        var ok = true
        for element in checkedElements {
            guard let element else { ok = false; continue }
            guard let value = element.node.constantValue else {
                error(ExpressionCodes.badInOperand, element.range, "list elements must be fixed values like 'a' or 2")
                ok = false
                continue
            }
            switch (l.type, element.type) {
            case (.choice(let frame), .text), (.choice(let frame), .integer), (.choice(let frame), .decimal):
                if let code = resolveOption(frame, element, checkExists: true) { values.append(.choice(code)) } else { ok = false }
            case (let x, let y) where x.isNumeric && y.isNumeric:
                values.append(value)
            case (.text, .text), (.date, .date), (.boolean, .boolean):
                values.append(value)
            case (.date, .text):
                if case .text(let literal) = value, let date = CivilDate(parsing: literal) {
                    values.append(.date(date.daysSinceEpoch))
                } else {
                    error(ExpressionCodes.badDate, element.range, "write dates as 'YYYY-MM-DD'")
                    ok = false
                }
            default:
                error(ExpressionCodes.incomparable, element.range,
                      "cannot compare \(describe(l)) with \(TypeRules.phrase(element.type)) in this list")
                ok = false
            }
        }
        if let known = l.symbol?.knownValues {
            for (value, element) in zip(values, checkedElements.compactMap { $0 }) where !checkKnown(known, value, name: l.name ?? "this name", at: element.range) {
                ok = false
            }
        }
        guard ok else { return nil }
        var result = Typed(node: .member(l.node, values), type: .boolean, range: range)
        if values.count == 1, let info = l.symbol, let name = l.name {
            result.facts = [ConditionFact(symbol: info.id, name: name, constraint: .equals(values[0]),
                                          text: "\(name) in [\(literalText(values[0], l.type))]")]
        }
        return folded(result, l)
    }
}
