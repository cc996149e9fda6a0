import FieldworkBasics
import FieldworkDiagnostics

/// The built-in functions: their arity, argument types and result types.
extension TypeChecker {
    mutating func checkCall(_ name: String, _ arguments: [Expression], range: Range<Int>) -> Typed? {
        switch name {
        case "answered", "dontknow", "refused", "asked":
            return checkPredicate(Node.Predicate(rawValue: name)!, arguments, range: range)
        case "today":
            // The interview's date, from the clock of the shell that started it (journalled).
            guard arity(name, arguments, 0...0, "today()", range) else { return nil }
            guard var typed = resolve([ReservedNames.interviewDate], index: nil, range: range) else { return nil }
            typed.name = "today()"
            return typed
        case "date":
            guard arity(name, arguments, 1...1, "date('2025-03-31')", range) else { return nil }
            guard case .string(let text) = arguments[0].node else {
                error(ExpressionCodes.badDate, arguments[0].range, "date(…) takes a date in quotes, e.g. date('2025-03-31')")
                return nil
            }
            guard let date = CivilDate(parsing: text) else {
                error(ExpressionCodes.badDate, arguments[0].range,
                      "'\(text)' is not a valid date; write date('YYYY-MM-DD') with a real day, e.g. date('2025-03-31')")
                return nil
            }
            return Typed(node: .constant(.date(date.daysSinceEpoch)), type: .date, range: range)
        case "sum", "any", "all":
            return checkAggregate(PassAggregate(rawValue: name)!, arguments, range: range)
        case "count" where namesPassSeries(arguments):
            return checkAggregate(.count, arguments, range: range)
        default:
            break
        }

        // The remaining functions check all their arguments first.
        // A named option set is not a value: it is read where it is used, not checked here.
        let argumentsChecked = arguments.map { optionSetName($0) != nil ? nil : check($0) }
        switch name {
        case "count":
            guard arity(name, arguments, 1...2, "count(crimes) or count(crimes, online_crimes)", range), let x = argumentsChecked[0] else { return nil }
            guard case .choices(let frame) = x.type else {
                error(ExpressionCodes.argumentType, x.range,
                      "count(…) needs a multiple-choice answer; got \(describe(x))")
                return nil
            }
            if arguments.count == 2 {
                guard case .reference(let path) = arguments[1].node, path.count == 1, let set = symbols.optionSet(named: path[0]) else {
                    error(ExpressionCodes.argumentType, arguments[1].range,
                          "the second argument of count(…) is the name of an option set from \"optionSets\"")
                    return nil
                }
                guard set.frame.name == frame.name else {
                    error(ExpressionCodes.argumentType, arguments[1].range,
                          "option set '\(path[0])' is of frame '\(set.frame.name)', but \(x.name ?? "the answer") is of frame '\(frame.name)'")
                    return nil
                }
                let codes = set.names.compactMap { frame.codesByName[$0] }
                return folded(Typed(node: .countCodes(x.node, codes), type: .integer, range: range), x)
            }
            if case .load(let symbol) = x.node { return Typed(node: .countOf(symbol), type: .integer, range: range) }
            return folded(Typed(node: .count(x.node), type: .integer, range: range), x)
        case "add_months":
            guard arity(name, arguments, 2...2, "add_months(today(), -12)", range) else { return nil }
            guard let date = argumentsChecked[0], let months = argumentsChecked[1] else { return nil }
            guard date.type == .date else {
                error(ExpressionCodes.argumentType, date.range, "add_months(…) needs a date first; got \(describe(date))")
                return nil
            }
            guard months.type == .integer else {
                error(ExpressionCodes.argumentType, months.range, "add_months(…) needs a whole number of months second; got \(describe(months))")
                return nil
            }
            return folded(Typed(node: .monthOffset(date.node, months.node), type: .date, range: range), date, months)
        case "date_text":
            guard arity(name, arguments, 1...1, "date_text(add_months(today(), -12))", range), let x = argumentsChecked[0] else { return nil }
            guard x.type == .date else {
                error(ExpressionCodes.argumentType, x.range, "date_text(…) needs a date; got \(describe(x))")
                return nil
            }
            return folded(Typed(node: .dateText(x.node), type: .text, range: range), x)
        case "len":
            guard arity(name, arguments, 1...1, "len(name)", range), let x = argumentsChecked[0] else { return nil }
            guard x.type == .text else {
                error(ExpressionCodes.argumentType, x.range, "len(…) needs text; got \(describe(x))")
                return nil
            }
            return folded(Typed(node: .length(x.node), type: .integer, range: range), x)
        case "abs":
            guard arity(name, arguments, 1...1, "abs(change)", range), let x = argumentsChecked[0] else { return nil }
            guard x.type.isNumeric else {
                error(ExpressionCodes.argumentType, x.range, "abs(…) needs a number; got \(describe(x))")
                return nil
            }
            return folded(Typed(node: .absolute(x.node), type: x.type, range: range), x)
        case "round":
            guard arity(name, arguments, 1...2, "round(x) or round(x, 2)", range) else { return nil }
            let checked = argumentsChecked.compactMap { $0 }
            guard checked.count == arguments.count else { return nil }
            guard checked[0].type.isNumeric else {
                error(ExpressionCodes.argumentType, checked[0].range, "round(…) needs a number; got \(describe(checked[0]))")
                return nil
            }
            if checked.count == 1 {
                return folded(Typed(node: .round(checked[0].node, digits: nil), type: .integer, range: range), checked[0])
            }
            guard checked[1].type == .integer else {
                error(ExpressionCodes.argumentType, checked[1].range,
                      "the number of decimal places in round(x, digits) must be a whole number; got \(describe(checked[1]))")
                return nil
            }
            let type: ValueType = checked[1].node.constantValue == .number(0) ? .integer : .decimal
            return folded(Typed(node: .round(checked[0].node, digits: checked[1].node), type: type, range: range), checked[0], checked[1])
        case "min", "max":
            guard arity(name, arguments, 2...Int.max, "\(name)(a, b)", range) else { return nil }
            let checked = argumentsChecked.compactMap { $0 }
            guard checked.count == arguments.count else { return nil }
            let allNumbers = checked.allSatisfy { $0.type.isNumeric }
            let allDates = checked.allSatisfy { $0.type == .date }
            guard allNumbers || allDates else {
                let odd = checked.first { !$0.type.isNumeric } ?? checked[0]
                error(ExpressionCodes.argumentType, odd.range,
                      "\(name)(…) needs all numbers or all dates; got \(describe(odd))")
                return nil
            }
            let type: ValueType = allDates ? .date : (checked.allSatisfy { $0.type == .integer } ? .integer : .decimal)
            let nodes = checked.map(\.node)
            let node: Node = name == "min" ? .minimum(nodes) : .maximum(nodes)
            let result = Typed(node: node, type: type, range: range)
            return checked.allSatisfy({ $0.node.constantValue != nil }) ? folded(result) : result
        case "coalesce":
            guard arity(name, arguments, 2...2, "coalesce(turnover, 0)", range) else { return nil }
            guard var x = argumentsChecked[0], let fallback = argumentsChecked[1] else { return nil }
            if x.type.isNumeric, fallback.type == .text {
                // coalesce(turnover, 'not given'): the number is written as text() writes it.
                x = folded(Typed(node: .numberText(x.node, places: NumericExtent.maxDecimals), type: .text, range: x.range), x)
            }
            guard let type = join(x, fallback, context: "coalesce(…)") else { return nil }
            var fallbackNode = fallback.node
            if case .choice(let frame) = type, fallback.node.constantValue != nil, fallback.type == .text || fallback.type.isNumeric {
                guard let code = resolveOption(frame, fallback, checkExists: true) else { return nil }
                fallbackNode = .constant(.choice(code))
            }
            return folded(Typed(node: .coalesce(x.node, fallbackNode), type: type, range: range), x, fallback)
        case "matches":
            guard arity(name, arguments, 2...2, "matches(postcode, '[A-Z][A-Z0-9]* [0-9][A-Z][A-Z]')", range) else { return nil }
            guard let x = argumentsChecked[0] else { return nil }
            guard x.type == .text else {
                error(ExpressionCodes.argumentType, x.range, "matches(…) needs text first; got \(describe(x)); write text(x) to match a number's digits")
                return nil
            }
            guard case .string(let source) = arguments[1].node else {
                error(ExpressionCodes.argumentType, arguments[1].range,
                      "the pattern of matches(…) must be written in quotes, e.g. matches(phone, '0[0-9]+'), so it can be checked before fieldwork")
                return nil
            }
            switch TextPattern.parse(source) {
            case .failure(let problem):
                let start = arguments[1].range.lowerBound + 1 + TypeChecker.sourceOffset(of: problem.offset, in: source)
                error(ExpressionCodes.badPattern, start..<(start + 1), "in the pattern '\(source)': \(problem.message)")
                return nil
            case .success(let pattern):
                return folded(Typed(node: .matches(x.node, pattern), type: .boolean, range: range), x)
            }
        case "text":
            guard arity(name, arguments, 1...2, "text(turnover) or text(turnover, 2)", range) else { return nil }
            let checked = argumentsChecked.compactMap { $0 }
            guard checked.count == arguments.count else { return nil }
            guard checked[0].type.isNumeric else {
                error(ExpressionCodes.argumentType, checked[0].range, "text(…) writes a number as text; got \(describe(checked[0]))")
                return nil
            }
            var places = NumericExtent.maxDecimals
            if checked.count == 2 {
                guard case .number(let p)? = checked[1].node.constantValue, checked[1].type == .integer,
                      p >= 0, p <= Double(NumericExtent.maxDecimals) else {
                    error(ExpressionCodes.argumentType, checked[1].range,
                          "the decimal places of text(x, places) must be a whole number from 0 to \(NumericExtent.maxDecimals), written as a number")
                    return nil
                }
                places = Int(p)
            }
            return folded(Typed(node: .numberText(checked[0].node, places: places), type: .text, range: range), checked[0])
        case "money":
            guard arity(name, arguments, 1...1, "money(turnover)", range), let x = argumentsChecked[0] else { return nil }
            guard x.type.isNumeric else {
                error(ExpressionCodes.argumentType, x.range, "money(…) needs a number; got \(describe(x))")
                return nil
            }
            return folded(Typed(node: .money(x.node), type: .text, range: range), x)
        case "if":
            guard arity(name, arguments, 3...3, "if(condition, value_if_true, value_if_false)", range) else { return nil }
            guard let condition = argumentsChecked[0], let then = argumentsChecked[1], let otherwise = argumentsChecked[2] else { return nil }
            guard condition.type == .boolean else {
                error(ExpressionCodes.argumentType, condition.range,
                      "the first argument of if(…) must be true or false; got \(describe(condition))")
                return nil
            }
            guard let type = join(then, otherwise, context: "if(…)") else { return nil }
            if let value = condition.node.constantValue {
                // Only the chosen branch matters; a missing condition gives missing.
                let chosen = value.isTrue ? then.node : (value == .boolean(false) ? otherwise.node : .constant(value))
                return Typed(node: chosen, type: type, range: range)
            }
            return Typed(node: .conditional(condition.node, then.node, otherwise.node), type: type, range: range)
        default:
            if let suggestion = NearMiss.suggestion(for: name, among: TypeRules.functionNames) {
                error(ExpressionCodes.unknownFunction, range, "unknown function '\(name)' — did you mean '\(suggestion)'?")
            } else {
                error(ExpressionCodes.unknownFunction, range,
                      "unknown function '\(name)'; the functions are \(TypeRules.functionNames.joined(separator: ", "))")
            }
            return nil
        }
    }

    /// Where character `offset` of a quoted literal's value sits in the source between the quotes,
    /// counting each backslash and new line of the value as written with an escape (`\\\\`, `\\n`).
    static func sourceOffset(of offset: Int, in value: String) -> Int {
        var source = 0
        for c in value.prefix(offset) { source += (c == "\\" || c == "\n") ? 2 : 1 }
        return source
    }

    /// The name of the option set an argument names, if it names one.
    func optionSetName(_ e: Expression) -> String? {
        guard case .reference(let path) = e.node, path.count == 1, symbols.optionSet(named: path[0]) != nil else { return nil }
        return path[0]
    }

    mutating func arity(_ name: String, _ arguments: [Expression], _ allowed: ClosedRange<Int>, _ example: String,
                        _ range: Range<Int>) -> Bool {
        if allowed.contains(arguments.count) { return true }
        let expected: String
        if allowed.upperBound == Int.max { expected = "at least \(allowed.lowerBound) arguments" }
        else if allowed.lowerBound == allowed.upperBound { expected = "\(allowed.lowerBound) argument\(allowed.lowerBound == 1 ? "" : "s")" }
        else { expected = "\(allowed.lowerBound) or \(allowed.upperBound) arguments" }
        error(ExpressionCodes.argumentCount, range,
              "\(name)(…) takes \(expected), got \(arguments.count); write it like \(example)")
        return false
    }

    /// The common type of two alternatives (if/coalesce): numbers widen to decimal, choices must share a frame,
    /// and a text or number literal may stand for an option of the other side's frame.
    mutating func join(_ a: Typed, _ b: Typed, context: String) -> ValueType? {
        if a.type == b.type { return a.type }
        if a.type.isNumeric && b.type.isNumeric { return .decimal }
        switch (a.type, b.type) {
        case (.choice(let f), .choice(let g)) where f.name == g.name: return a.type
        case (.choices(let f), .choices(let g)) where f.name == g.name: return a.type
        case (.choice, .text), (.choice, .integer):
            if b.node.constantValue != nil { return a.type }
        default: break
        }
        error(ExpressionCodes.argumentType, a.range.lowerBound..<b.range.upperBound,
              "both alternatives of \(context) must be the same kind of value; got \(describe(a)) and \(describe(b))")
        return nil
    }

    mutating func checkPredicate(_ predicate: Node.Predicate, _ arguments: [Expression], range: Range<Int>) -> Typed? {
        let name = predicate.rawValue
        guard arity(name, arguments, 1...1, "\(name)(q1)", range) else { return nil }
        let argument = arguments[0]
        let resolved: Typed?
        switch argument.node {
        case .reference(let path): resolved = resolve(path, index: nil, range: argument.range)
        case .index(let path, let key): resolved = resolve(path, index: key, range: argument.range)
        default:
            error(ExpressionCodes.predicateNeedsAnswer, argument.range,
                  "\(name)(…) takes the name of a question, e.g. \(name)(turnover)")
            return nil
        }
        guard let typed = resolved, let info = typed.symbol, let written = typed.name else { return nil }
        guard info.isAnswer else {
            error(ExpressionCodes.predicateNeedsAnswer, argument.range,
                  "\(name)(…) applies to question answers, and '\(written)' is not a question")
            return nil
        }
        if predicate == .dontknow, !info.allowsDontKnow {
            warning(ExpressionCodes.predicateNeverTrue, range, "\(written) does not allow don't know; this is never true")
        }
        if predicate == .refused, !info.allowsRefused {
            warning(ExpressionCodes.predicateNeverTrue, range, "\(written) does not allow refused; this is never true")
        }
        return Typed(node: .predicate(predicate, info.id), type: .boolean, range: range)
    }
}
