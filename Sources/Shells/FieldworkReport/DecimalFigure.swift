import FieldworkBasics
import Foundation

/// How report figures are written for people: counts as integers, shares as percentages, n/a for absent figures.
enum DecimalFigure {
    /// A number without trailing zeros (`3`, `2.5`, `-1`).
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return DecimalText.significant(value, digits: 4)
    }

    /// Fixed decimals, or "n/a".
    static func fixed(_ value: Double?, _ places: Int) -> String {
        guard let value else { return "n/a" }
        return DecimalText.fixed(value, places: places)
    }

    /// A percentage with one decimal and a % sign, or "n/a".
    static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return DecimalText.percent(value)
    }

    /// A share 0…1 as a percentage, or "n/a".
    static func sharePercent(_ value: Double?) -> String {
        percent(value.map { $0 * 100 })
    }
}
