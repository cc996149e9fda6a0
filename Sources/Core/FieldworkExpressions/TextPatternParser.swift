/// Reads the pattern language of `TextPattern`, reporting the first mistake with its offset.
/// `a+` is read as `a` followed by `a*`, so matching needs only three kinds of step.
struct TextPatternParser {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) { characters = Array(source) }

    mutating func parse() -> Result<[TextPattern.Step], TextPattern.SyntaxError> {
        var steps: [TextPattern.Step] = []
        var atoms = 0
        while index < characters.count {
            let start = index
            let atom: TextPattern.Atom
            switch readAtom() {
            case .success(let a): atom = a
            case .failure(let e): return .failure(e)
            }
            atoms += 1
            if atoms > TextPattern.maximumAtoms {
                return .failure(.init(offset: start, message: "a pattern may have at most \(TextPattern.maximumAtoms) parts; split the check in two"))
            }
            var repeats = TextPattern.Step.Repeat.once
            if index < characters.count {
                switch characters[index] {
                case "?": repeats = .optional; index += 1
                case "*": repeats = .any; index += 1
                case "+":
                    steps.append(.init(atom: atom, repeats: .once))
                    repeats = .any
                    index += 1
                default: break
                }
            }
            if index < characters.count, "?*+".contains(characters[index]) {
                return .failure(.init(offset: index, message: "'\(characters[index])' cannot follow another repeat; write \\\(characters[index]) for the character itself"))
            }
            steps.append(.init(atom: atom, repeats: repeats))
        }
        return .success(steps)
    }

    private mutating func readAtom() -> Result<TextPattern.Atom, TextPattern.SyntaxError> {
        let c = characters[index]
        switch c {
        case "?", "*", "+":
            return .failure(.init(offset: index, message: "'\(c)' repeats the character before it, and there is none; write \\\(c) for the character itself"))
        case ".":
            index += 1
            return .success(.anyCharacter)
        case "[":
            return readClass()
        case "]":
            return .failure(.init(offset: index, message: "']' without an opening '['; write \\] for the character itself"))
        case "(", ")", "|", "{", "}", "^", "$":
            return .failure(.init(offset: index, message: "'\(c)' is not part of the pattern language (no groups, alternatives, counts or anchors: the whole text is always matched); write \\\(c) for the character itself"))
        case "\\":
            switch readEscape(inClass: false) {
            case .success(let escaped): return .success(escaped)
            case .failure(let e): return .failure(e)
            }
        default:
            index += 1
            return .success(.character(c))
        }
    }

    /// `\d`, `\w`, `\s` and their negations, or an escaped character.
    private mutating func readEscape(inClass: Bool) -> Result<TextPattern.Atom, TextPattern.SyntaxError> {
        let start = index
        index += 1
        guard index < characters.count else {
            return .failure(.init(offset: start, message: "a backslash at the end of a pattern must be followed by a character, e.g. \\. or \\d"))
        }
        let c = characters[index]
        index += 1
        var set = TextPattern.CharacterSet()
        switch c {
        case "d", "D": set.digits = true
        case "w", "W": set.wordCharacters = true
        case "s", "S": set.whitespace = true
        default:
            if c.isLetter || c.isNumber {
                return .failure(.init(offset: start, message: "unknown escape '\\\(c)'; the escapes are \\d (digit), \\w (letter, digit or _), \\s (space) and their capitals (not …), or \\ before a symbol"))
            }
            return .success(.character(c))
        }
        return .success(.set(set, negated: c.isUppercase))
    }

    private mutating func readClass() -> Result<TextPattern.Atom, TextPattern.SyntaxError> {
        let open = index
        index += 1
        var negated = false
        if index < characters.count, characters[index] == "^" { negated = true; index += 1 }
        var set = TextPattern.CharacterSet()
        var first = true
        while true {
            guard index < characters.count else {
                return .failure(.init(offset: open, message: "'[' is not closed; end the class with ']'"))
            }
            let c = characters[index]
            if c == "]" && !first { index += 1; break }
            first = false
            var low: Character
            if c == "\\" {
                switch readEscape(inClass: true) {
                case .success(.character(let escaped)): low = escaped
                case .success(.set(let named, _)) where characters[index - 1].isLowercase:
                    set.digits = set.digits || named.digits
                    set.wordCharacters = set.wordCharacters || named.wordCharacters
                    set.whitespace = set.whitespace || named.whitespace
                    continue
                case .success:
                    return .failure(.init(offset: index - 2, message: "\\\(characters[index - 1]) cannot be used inside [ ]; use [^…] for 'not'"))
                case .failure(let e): return .failure(e)
                }
            } else {
                low = c
                index += 1
            }
            if index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]" {
                let dash = index
                index += 1
                var high = characters[index]
                if high == "\\" {
                    guard case .success(.character(let escaped)) = readEscape(inClass: true) else {
                        return .failure(.init(offset: dash + 1, message: "a range must end in a single character, e.g. [a-z]"))
                    }
                    high = escaped
                } else {
                    index += 1
                }
                guard low <= high else {
                    return .failure(.init(offset: dash - 1, message: "the range \(low)-\(high) is backwards; write the lower character first, e.g. [a-z]"))
                }
                set.ranges.append(low...high)
            } else {
                set.singles.insert(low)
            }
        }
        return .success(.set(set, negated: negated))
    }
}
