/// A caller-assigned handle for something an expression can read (answer, sample field, loop item,
/// computed variable). Evaluation reads values by this integer, never by name.
public struct SymbolID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var raw: Int
    public init(_ raw: Int) { self.raw = raw }
    public static func < (a: SymbolID, b: SymbolID) -> Bool { a.raw < b.raw }
    public var description: String { "#\(raw)" }
}

/// What the type checker needs to know about a name.
public struct SymbolInfo: Sendable, Hashable {
    public var id: SymbolID
    public var type: ValueType
    /// Numeric minimum…maximum if known; used to spot comparisons that can never be true.
    public var range: ClosedRange<Double>?
    public var allowsDontKnow: Bool
    public var allowsRefused: Bool
    /// A question answer (so `answered`, `dontknow`, … apply), as opposed to a sample field,
    /// loop item or computed variable.
    public var isAnswer: Bool
    /// The only values the name can take, when known (loop item names and codes).
    public var knownValues: KnownValues?

    public init(id: SymbolID, type: ValueType, range: ClosedRange<Double>? = nil,
                allowsDontKnow: Bool = false, allowsRefused: Bool = false, isAnswer: Bool = true,
                knownValues: KnownValues? = nil) {
        self.id = id
        self.type = type
        self.range = range
        self.allowsDontKnow = allowsDontKnow
        self.allowsRefused = allowsRefused
        self.isAnswer = isAnswer
        self.knownValues = knownValues
    }
}

/// The caller's answer to "what is this name here?".
public enum SymbolLookup: Sendable {
    case found(SymbolInfo)
    case notFound(suggestion: String?)
    /// The name exists but cannot be used here; the message says why,
    /// e.g. "q3 is asked later than this condition".
    case invalid(String)
}

/// A named option set as the type checker sees it: the frame and the options' short names.
public struct OptionSetInfo: Sendable, Hashable {
    public var frame: CodeFrameInfo
    public var names: [String]
    public init(frame: CodeFrameInfo, names: [String]) {
        self.frame = frame
        self.names = names
    }
}

/// Resolves references for the type checker. The questionnaire checker implements this with its
/// knowledge of question order, loops and grids.
public protocol SymbolTable {
    func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup
    /// The named option set called `name`, if there is one.
    func optionSet(named name: String) -> OptionSetInfo?
    /// `path` as a loop's value, one per pass, when its loop is one level deeper than here
    /// (for `sum`, `count`, `any`, `all`).
    func passSeries(_ path: [String]) -> PassSeriesLookup
}

extension SymbolTable {
    public func optionSet(named name: String) -> OptionSetInfo? { nil }
    public func passSeries(_ path: [String]) -> PassSeriesLookup { .notASeries }
}

/// Names the language looks up for its built-ins; none is an identifier a questionnaire can write,
/// so a symbol table can tell them from questions.
public enum ReservedNames {
    /// `today()`: the interview's date.
    public static let interviewDate = "$today"
    /// `preload.name`: a value from an earlier wave, keyed by case.
    public static let preload = "preload"
    /// Prefix of preload values in a case's sample record (`preload.prev_total`), apart from its sample fields.
    public static let preloadRecordPrefix = "preload."
    /// `item`: the current loop pass (`item.name`), and in brackets the same pass of another loop
    /// over the same code frame (`sc_had[item]`).
    public static let loopItem = "item"
}
