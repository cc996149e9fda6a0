/// How the values of a loop's passes are combined: `sum(x)`, `count(x)`, `any(x)`, `all(x)`.
///
/// Only real values take part: a pass whose value is missing (not asked, don't know, refused) is
/// left out. Over no passes, `sum` and `count` give 0, `any` gives false and `all` gives true.
@usableFromInline
enum PassAggregate: String, Sendable {
    case sum, count, any, all

    @inlinable
    func combine(_ values: [PassValue], only: [Int]?) -> RuntimeValue {
        var total = 0.0
        var trues = 0
        var falses = 0
        for value in values {
            if let only, !only.contains(value.pass) { continue }
            switch value.value {
            case .number(let n): total += n
            case .boolean(true): trues += 1
            case .boolean(false): falses += 1
            default: continue
            }
        }
        switch self {
        case .sum: return .number(total)
        case .count: return .number(Double(trues))
        case .any: return .boolean(trues > 0)
        case .all: return .boolean(falses == 0)
        }
    }
}
