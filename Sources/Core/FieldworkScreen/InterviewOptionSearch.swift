import FieldworkEngine

/// Finding an option in a long code frame by typing letters of its name ("tow" → Tower Hamlets).
///
/// The answer line of a single or multiple choice question holds either a code (digits) or, as
/// soon as it holds a letter, a search. The search keeps the options whose label contains every
/// typed word (ignoring case and accents: "ea" finds "Ealing", "zol" finds "Żoliborz"), in the
/// order the list shows them. One of them is highlighted: the interviewer's choice with ↑ ↓, else
/// the best match — the first whose label starts with the search, then the first with a word that
/// does, then the first match. Enter picks the highlighted option.
public struct InterviewOptionSearch: Sendable, Hashable {
    /// A list with more options than this is "long": it says that letters search it, and it is
    /// laid out in two columns when the window is wide enough.
    public static let longListThreshold = 9

    /// What was typed, trimmed.
    public let query: String
    /// Codes of the matching options, in the order shown.
    public let matches: [Int]
    /// The code of the highlighted option; nil when nothing matches.
    public let highlighted: Int?
    /// How many options were searched.
    public let optionCount: Int

    /// The search for `typed` among `options`, with `preferred` highlighted when it matches.
    public init(query typed: String, options: [QuestionView.OptionView], preferred: Int? = nil) {
        query = typed.stripping(" ")
        optionCount = options.count
        let words = Self.fold(query).split(separator: " ").map(String.init)
        var matches: [Int] = []
        var startsWith: Int?
        var wordStarts: Int?
        for option in options {
            let label = Self.fold(option.label)
            guard words.allSatisfy({ label.contains($0) }) else { continue }
            matches.append(option.code)
            if startsWith == nil, let first = words.first, label.hasPrefix(first) { startsWith = option.code }
            if wordStarts == nil, Self.everyWordStartsAWord(words, in: label) { wordStarts = option.code }
        }
        self.matches = matches
        if let preferred, matches.contains(preferred) {
            highlighted = preferred
        } else {
            highlighted = startsWith ?? wordStarts ?? matches.first
        }
    }

    /// True when the typed text is a search rather than a code: it holds a letter.
    public static func isQuery(_ typed: String) -> Bool {
        typed.contains { $0.isLetter }
    }

    /// The code `steps` matches away from the highlighted one (clamped to the list).
    public func moved(by steps: Int) -> Int? {
        guard let highlighted, let index = matches.firstIndex(of: highlighted) else { return matches.first }
        return matches[min(max(0, index + steps), matches.count - 1)]
    }

    private static func everyWordStartsAWord(_ words: [String], in label: String) -> Bool {
        let labelWords = label.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.allSatisfy { word in labelWords.contains { $0.hasPrefix(word) } }
    }

    /// Lower case without accents, so that "Żoliborz", "ZOLIBORZ" and "zoliborz" match alike.
    /// Written by hand (the pure core does not link Foundation's folding): Latin letters with
    /// diacritics from Latin-1 and Latin Extended-A fold to their base letter.
    public static func fold(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.lowercased() {
            if character.isASCII { result.append(character); continue }
            if let base = accentFolds[character] { result.append(contentsOf: base) } else { result.append(character) }
        }
        return result
    }

    private static let accentFolds: [Character: String] = {
        let groups: [(String, String)] = [
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđ"), ("e", "èéêëēĕėęě"), ("g", "ĝğġģ"), ("h", "ĥħ"),
            ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"), ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"),
            ("r", "ŕŗř"), ("s", "śŝşšß"), ("t", "ţťŧ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"), ("z", "źżž"),
            ("ae", "æ"), ("oe", "œ"),
        ]
        var table: [Character: String] = [:]
        for (base, accented) in groups { for character in accented { table[character] = base } }
        return table
    }()
}
