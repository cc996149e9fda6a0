/// The option codes of a code frame, so conditions can name options (`sector == 'retail'`) and
/// be checked against the frame at compile time.
public struct CodeFrameInfo: Sendable, Hashable {
    public var name: String
    public var codesByName: [String: Int]
    public var namesByCode: [Int: String]

    public init(name: String, codesByName: [String: Int], namesByCode: [Int: String]) {
        self.name = name
        self.codesByName = codesByName
        self.namesByCode = namesByCode
    }

    /// Builds both maps from (short name, code) pairs in frame order.
    public init(name: String, options: [(name: String, code: Int)]) {
        self.name = name
        var byName: [String: Int] = [:]
        var byCode: [Int: String] = [:]
        for option in options {
            byName[option.name] = option.code
            byCode[option.code] = option.name
        }
        self.codesByName = byName
        self.namesByCode = byCode
    }

    /// "1, 2, 3", for messages.
    var codeList: String { namesByCode.keys.sorted().map(String.init).joined(separator: ", ") }
    /// "'no', 'yes'", for messages.
    var nameList: String {
        namesByCode.sorted { $0.key < $1.key }.map { "'\($0.value)'" }.joined(separator: ", ")
    }
}

/// The static type of a value, as the type checker sees it.
public indirect enum ValueType: Sendable, Hashable, CustomStringConvertible {
    case integer
    case decimal
    case text
    case date
    case boolean
    /// A single-choice answer: one option code of the frame.
    case choice(CodeFrameInfo)
    /// A multiple-choice answer: a set of option codes of the frame.
    case choices(CodeFrameInfo)
    /// A list literal; element type when uniform.
    case list(ValueType?)

    public var isNumeric: Bool { self == .integer || self == .decimal }

    /// How the type reads in a designer-facing message.
    public var description: String {
        switch self {
        case .integer, .decimal: return "number"
        case .text: return "text"
        case .date: return "date"
        case .boolean: return "true/false"
        case .choice(let frame): return "single choice from '\(frame.name)'"
        case .choices(let frame): return "multiple choice from '\(frame.name)'"
        case .list: return "list"
        }
    }
}
