/// Which answers a condition needs to be real answers before it can be true, and which answers it
/// treats as possibly missing (`dontknow(q)`, `answered(q)`, `coalesce(q, …)`). The checker uses
/// both to spot routing where a "don't know" silently skips questions (FW222).
extension CompiledExpression {
    /// The symbols whose being missing (not asked, don't know, refused) makes this condition not
    /// true, whatever the other answers are: `q == 1` and `q > 2 and r == 1` need q; `q == 1 or
    /// r == 1` needs neither.
    public var symbolsRequiredToHold: Set<SymbolID> { root.notTrueWhenMissing }

    /// The symbols this expression tests for a missing answer: the argument of `dontknow(…)` or
    /// `answered(…)`, or a plain answer given a `coalesce(…)` fallback.
    public var symbolsTestedForMissing: Set<SymbolID> {
        var found = Set<SymbolID>()
        root.collectMissingTests(into: &found)
        return found
    }
}

extension Node {
    /// Symbols whose absence makes this node's value missing.
    var missingWhenMissing: Set<SymbolID> {
        switch self {
        case .constant, .predicate, .aggregate:
            // An aggregate is missing only when its loop's driving answer is; that answer is not
            // among its operands here, so it claims nothing.
            return []
        case .load(let s), .compareLoad(_, let s, _), .countOf(let s):
            return [s]
        case .not(let a), .negate(let a), .compareConstant(_, let a, _), .dateText(let a), .member(let a, _),
             .containsCode(let a, _), .count(let a), .countCodes(let a, _), .length(let a), .absolute(let a),
             .matches(let a, _), .numberText(let a, _), .money(let a):
            return a.missingWhenMissing
        case .round(let a, let digits):
            return a.missingWhenMissing.union(digits?.missingWhenMissing ?? [])
        case .compare(_, let a, let b), .arithmetic(_, let a, let b), .concatenate(let a, let b),
             .dateOffset(let a, let b, _), .dateDifference(let a, let b), .monthOffset(let a, let b),
             .containsChoice(let a, let b):
            return a.missingWhenMissing.union(b.missingWhenMissing)
        case .minimum(let operands), .maximum(let operands):
            return operands.reduce(into: Set<SymbolID>()) { $0.formUnion($1.missingWhenMissing) }
        case .and(let a, let b), .or(let a, let b), .coalesce(let a, let b):
            return a.missingWhenMissing.intersection(b.missingWhenMissing)
        case .conditional(let condition, let then, let otherwise):
            return condition.missingWhenMissing.union(then.missingWhenMissing.intersection(otherwise.missingWhenMissing))
        }
    }

    /// Symbols whose absence makes this (boolean) node false or missing, i.e. not true.
    var notTrueWhenMissing: Set<SymbolID> {
        switch self {
        case .and(let a, let b):
            return a.notTrueWhenMissing.union(b.notTrueWhenMissing)
        case .or(let a, let b):
            return a.notTrueWhenMissing.intersection(b.notTrueWhenMissing)
        case .predicate(.answered, let s):
            return [s]
        case .conditional(let condition, let then, let otherwise):
            return condition.missingWhenMissing.union(then.notTrueWhenMissing.intersection(otherwise.notTrueWhenMissing))
        default:
            return missingWhenMissing
        }
    }

    func collectMissingTests(into found: inout Set<SymbolID>) {
        switch self {
        case .constant, .load, .compareLoad, .countOf, .aggregate:
            return
        case .predicate(let predicate, let s):
            if predicate == .dontknow || predicate == .answered { found.insert(s) }
        case .coalesce(let a, let b):
            if case .load(let s) = a { found.insert(s) }
            if case .numberText(.load(let s), _) = a { found.insert(s) }
            a.collectMissingTests(into: &found)
            b.collectMissingTests(into: &found)
        case .not(let a), .negate(let a), .compareConstant(_, let a, _), .dateText(let a), .member(let a, _),
             .containsCode(let a, _), .count(let a), .countCodes(let a, _), .length(let a), .absolute(let a),
             .matches(let a, _), .numberText(let a, _), .money(let a):
            a.collectMissingTests(into: &found)
        case .round(let a, let digits):
            a.collectMissingTests(into: &found)
            digits?.collectMissingTests(into: &found)
        case .compare(_, let a, let b), .arithmetic(_, let a, let b), .concatenate(let a, let b),
             .dateOffset(let a, let b, _), .dateDifference(let a, let b), .monthOffset(let a, let b),
             .containsChoice(let a, let b), .and(let a, let b), .or(let a, let b):
            a.collectMissingTests(into: &found)
            b.collectMissingTests(into: &found)
        case .minimum(let operands), .maximum(let operands):
            for operand in operands { operand.collectMissingTests(into: &found) }
        case .conditional(let c, let a, let b):
            c.collectMissingTests(into: &found)
            a.collectMissingTests(into: &found)
            b.collectMissingTests(into: &found)
        }
    }
}
