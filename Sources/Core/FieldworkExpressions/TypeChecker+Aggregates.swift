import FieldworkDiagnostics

/// `sum(x)`, `count(x)`, `any(x)`, `all(x)` over the passes of a loop one level deeper than the
/// expression, optionally only the passes of a named option set: `sum(v_inc, online_crimes)`.
extension TypeChecker {
    /// Whether `count(…)`'s first argument names a loop's value (so it counts passes, not options).
    func namesPassSeries(_ arguments: [Expression]) -> Bool {
        guard let first = arguments.first, case .reference(let path) = first.node else { return false }
        if case .notASeries = symbols.passSeries(path) { return false }
        return true
    }

    mutating func checkAggregate(_ aggregate: PassAggregate, _ arguments: [Expression], range: Range<Int>) -> Typed? {
        let name = aggregate.rawValue
        let example = aggregate == .sum ? "v_inc" : "v_reported"
        guard arity(name, arguments, 1...2, "\(name)(\(example)) or \(name)(\(example), online_crimes)", range) else { return nil }
        let argument = arguments[0]
        guard case .reference(let path) = argument.node else {
            error(ExpressionCodes.aggregateArgument, argument.range,
                  "\(name)(…) takes the name of a question or computed variable inside a loop, e.g. \(name)(\(example)); "
                  + "to combine an expression over the passes, make it a computed variable inside the loop and name that")
            return nil
        }
        let written = path.joined(separator: ".")
        let series: PassSeriesInfo
        switch symbols.passSeries(path) {
        case .found(let found):
            series = found
        case .invalid(let message):
            error(ExpressionCodes.invalidReference, argument.range, message)
            return nil
        case .notASeries:
            // An unknown or misplaced name is reported as such; a known one is simply not a loop's.
            guard resolve(path, index: nil, range: argument.range) != nil else { return nil }
            error(ExpressionCodes.aggregateArgument, argument.range,
                  "\(name)(…) combines the passes of a loop: '\(written)' is not inside a loop just inside this place; "
                  + "name a question or computed variable of such a loop, e.g. \(name)(\(example))")
            return nil
        }
        let element = series.element
        let type: ValueType
        switch aggregate {
        case .sum:
            guard element.type.isNumeric else {
                error(ExpressionCodes.argumentType, argument.range,
                      "sum(…) adds up numbers; '\(written)' gives \(TypeRules.phrase(element.type))")
                return nil
            }
            type = element.type
        case .count, .any, .all:
            guard element.type == .boolean else {
                error(ExpressionCodes.argumentType, argument.range,
                      "\(name)(…) over the passes of loop \"\(series.loopName)\" needs true or false in each pass; '\(written)' gives "
                      + "\(TypeRules.phrase(element.type)); add a computed variable inside the loop, e.g. \"\(written) > 0\", and name that")
                return nil
            }
            type = aggregate == .count ? .integer : .boolean
        }
        var only: [Int]?
        if arguments.count == 2 {
            guard let passes = passFilter(arguments[1], series: series, function: name) else { return nil }
            only = passes
        }
        references.insert(element.id)
        if let driver = series.driver { references.insert(driver) }
        let node = Node.aggregate(aggregate, PassSeries(element: element.id, driver: series.driver, only: only, maxPasses: series.maxPasses))
        return Typed(node: node, type: type, range: range)
    }

    /// The pass numbers an option set keeps; the set must be of the frame the loop repeats over.
    private mutating func passFilter(_ argument: Expression, series: PassSeriesInfo, function: String) -> [Int]? {
        guard case .reference(let path) = argument.node, path.count == 1, let set = symbols.optionSet(named: path[0]) else {
            error(ExpressionCodes.argumentType, argument.range,
                  "the second argument of \(function)(…) is the name of an option set from \"optionSets\"")
            return nil
        }
        guard let frame = series.frame else {
            error(ExpressionCodes.aggregateArgument, argument.range,
                  "loop \"\(series.loopName)\" counts passes, so an option set cannot pick its passes; "
                  + "write \(function)(…) with one argument")
            return nil
        }
        guard set.frame.name == frame.name else {
            error(ExpressionCodes.aggregateArgument, argument.range,
                  "option set '\(path[0])' is of frame '\(set.frame.name)', but loop \"\(series.loopName)\" repeats over options of frame "
                  + "'\(frame.name)'; use a set of '\(frame.name)'")
            return nil
        }
        return set.names.compactMap { series.passByName[$0] }.sorted()
    }
}
