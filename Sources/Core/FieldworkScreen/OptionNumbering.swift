import FieldworkEngine

/// The numbers the interviewer sees next to a question's options and types to choose them. Options
/// in written order are numbered by their codes, as always. Options offered in a random or rotated
/// order are numbered 1, 2, 3 … down the screen, so the list reads in order; typing the number
/// shown chooses the option shown there, and the answer records that option's own code.
public struct OptionNumbering: Sendable {
    /// Codes in the order shown, when numbered by place; empty when numbered by code.
    private let shownCodes: [Int]

    public init(_ view: QuestionView) {
        shownCodes = view.optionsReordered ? view.options.map(\.code) : []
    }

    public var numbersByPlace: Bool { !shownCodes.isEmpty }

    /// The number shown next to the option with this code.
    public func number(ofCode code: Int) -> Int {
        guard numbersByPlace, let place = shownCodes.firstIndex(of: code) else { return code }
        return place + 1
    }

    /// The code of the option the typed number stands for; nil when no option is shown with it.
    public func code(forNumber number: Int) -> Int? {
        guard numbersByPlace else { return number }
        guard number >= 1, number <= shownCodes.count else { return nil }
        return shownCodes[number - 1]
    }
}
