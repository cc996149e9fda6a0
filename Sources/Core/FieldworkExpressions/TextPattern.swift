/// The pattern language of `matches(text, 'pattern')`: a small subset of regular expressions that
/// is matched in time proportional to (text length × pattern length), whatever the interviewer
/// types. There is no alternation, grouping or back-reference, so there is nothing to backtrack.
///
/// A pattern is a sequence of atoms, each optionally followed by `?` (zero or one), `*` (any
/// number) or `+` (one or more). Atoms:
///
/// * a literal character (`a`, `-`, `@`, a space);
/// * `.` — any one character;
/// * `[a-z0-9_]` — one character from a class of characters and ranges; `[^@ ]` — any character
///   not in the class; `]` first in the class or `\]` stands for itself;
/// * `\d` a digit 0–9, `\w` a letter, digit or `_`, `\s` white space; `\D`, `\W`, `\S` their
///   opposites; `\` before any other character (`\.`, `\+`, `\\`) means that character itself.
///
/// The whole text must match (the pattern is anchored at both ends).
public struct TextPattern: Sendable, Hashable {
    /// The pattern as the designer wrote it, for messages.
    public let source: String
    let steps: [Step]

    /// The most atoms a pattern may have; longer ones are refused, which also bounds matching time.
    public static let maximumAtoms = 200

    struct Step: Sendable, Hashable {
        enum Repeat: Sendable, Hashable { case once, optional, any }
        var atom: Atom
        var repeats: Repeat
    }

    enum Atom: Sendable, Hashable {
        case character(Character)
        case anyCharacter
        case set(CharacterSet, negated: Bool)
    }

    /// A class such as `[a-z0-9]`: single characters and inclusive ranges, or a named class.
    struct CharacterSet: Sendable, Hashable {
        var singles: Set<Character> = []
        var ranges: [ClosedRange<Character>] = []
        var digits = false
        var wordCharacters = false
        var whitespace = false

        func contains(_ c: Character) -> Bool {
            if singles.contains(c) { return true }
            if digits, TextPattern.isDigit(c) { return true }
            if wordCharacters, TextPattern.isWordCharacter(c) { return true }
            if whitespace, c.isWhitespace { return true }
            return ranges.contains { $0.contains(c) }
        }
    }

    /// A pattern that could not be read; `offset` counts characters from the start of the pattern.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var offset: Int
        public var message: String
    }

    init(source: String, steps: [Step]) {
        self.source = source
        self.steps = steps
    }

    /// Reads a pattern, or says what is wrong and where.
    public static func parse(_ source: String) -> Result<TextPattern, SyntaxError> {
        var parser = TextPatternParser(source)
        return parser.parse().map { TextPattern(source: source, steps: $0) }
    }

    /// Whether the whole of `text` matches. Simulates every way through the pattern at once (one
    /// set of positions per character), so the time is linear in the text.
    public func matches(_ text: String) -> Bool {
        var current = closure(of: [0])
        for c in text {
            var next = Set<Int>()
            for position in current where position < steps.count {
                let step = steps[position]
                guard Self.accepts(step.atom, c) else { continue }
                next.insert(step.repeats == .any ? position : position + 1)
            }
            if next.isEmpty { return false }
            current = closure(of: next)
        }
        return current.contains(steps.count)
    }

    /// The positions reachable without reading a character: past optional and repeated atoms.
    private func closure(of positions: Set<Int>) -> Set<Int> {
        var result = positions
        var pending = Array(positions)
        while let position = pending.popLast() {
            guard position < steps.count, steps[position].repeats != .once else { continue }
            if result.insert(position + 1).inserted { pending.append(position + 1) }
        }
        return result
    }

    static func accepts(_ atom: Atom, _ c: Character) -> Bool {
        switch atom {
        case .character(let wanted): return c == wanted
        case .anyCharacter: return true
        case .set(let set, let negated): return set.contains(c) != negated
        }
    }

    static func isDigit(_ c: Character) -> Bool { ("0"..."9").contains(c) }

    static func isWordCharacter(_ c: Character) -> Bool { c == "_" || c.isLetter || isDigit(c) }
}
