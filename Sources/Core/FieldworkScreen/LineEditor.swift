import FieldworkBasics
/// A single-line text field as a value: the text, a cursor, and the editing keys interviewers know
/// from shells (Ctrl-A/E/K/U/W), with no terminal in sight so it can be tested exhaustively.
///
/// It works on grapheme clusters (`Character`), so "é" written as e + combining accent, "£", "Zoë"
/// and CJK are each one cursor step and one backspace, and a maximum length counts what the
/// respondent would call characters.
public struct LineEditor: Sendable, Hashable {
    /// What a key did to the editor, so the caller knows whether to redraw or to beep.
    public enum Outcome: Sendable, Hashable {
        /// The text changed.
        case edited
        /// Only the cursor moved.
        case moved
        /// The key is an editing key but could not act (full, at the start, at the end…).
        case refused
        /// The key is not an editing key; the caller should handle it (Enter, F-keys, …).
        case notHandled
    }

    public private(set) var characters: [Character]
    /// Cursor position as an index into `characters`: 0 is before the first, `count` after the last.
    public private(set) var cursor: Int
    /// Longest text accepted, in characters; nil for no limit.
    public let maxLength: Int?

    public init(text: String = "", maxLength: Int? = nil) {
        let limit = maxLength.map { max(0, $0) }
        var characters = Array(text.filter(LineEditor.isAcceptable))
        if let limit, characters.count > limit { characters.removeLast(characters.count - limit) }
        self.characters = characters
        self.cursor = characters.count
        self.maxLength = limit
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }
    public var count: Int { characters.count }
    /// Whether another character would exceed `maxLength`.
    public var isFull: Bool { maxLength.map { characters.count >= $0 } ?? false }

    /// Characters that may be typed into a field: no controls, line breaks or terminal escapes.
    public static func isAcceptable(_ character: Character) -> Bool {
        !character.isNewline && character.unicodeScalars.allSatisfy(TerminalSafe.isSafe)
    }

    // MARK: Editing

    /// Inserts at the cursor. Refused when full or when the character is a control.
    @discardableResult
    public mutating func insert(_ character: Character) -> Bool {
        guard LineEditor.isAcceptable(character), !isFull else { return false }
        characters.insert(character, at: cursor)
        cursor += 1
        return true
    }

    /// Inserts as much of `text` as fits (pasted text); returns how many characters went in.
    @discardableResult
    public mutating func insert(contentsOf text: String) -> Int {
        var inserted = 0
        for character in text where insert(character) { inserted += 1 }
        return inserted
    }

    /// Deletes the character before the cursor.
    @discardableResult
    public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Deletes the character under the cursor.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    /// Deletes from the cursor to the end (Ctrl-K); returns what was removed.
    @discardableResult
    public mutating func killToEnd() -> String {
        let removed = String(characters[cursor...])
        characters.removeSubrange(cursor...)
        return removed
    }

    /// Deletes the whole line (Ctrl-U); returns what was removed.
    @discardableResult
    public mutating func killLine() -> String {
        let removed = text
        characters.removeAll()
        cursor = 0
        return removed
    }

    /// Deletes the word before the cursor (Ctrl-W); returns what was removed.
    @discardableResult
    public mutating func killWordBackward() -> String {
        let start = wordStart(before: cursor)
        let removed = String(characters[start..<cursor])
        characters.removeSubrange(start..<cursor)
        cursor = start
        return removed
    }

    /// Replaces the whole text, cursor at the end (respects `maxLength`).
    public mutating func setText(_ text: String) {
        self = LineEditor(text: text, maxLength: maxLength)
    }

    // MARK: Movement

    @discardableResult
    public mutating func moveLeft() -> Bool { move(to: cursor - 1) }
    @discardableResult
    public mutating func moveRight() -> Bool { move(to: cursor + 1) }
    @discardableResult
    public mutating func moveHome() -> Bool { move(to: 0) }
    @discardableResult
    public mutating func moveEnd() -> Bool { move(to: characters.count) }
    /// To the start of the current or previous word.
    @discardableResult
    public mutating func moveWordLeft() -> Bool { move(to: wordStart(before: cursor)) }
    /// To the end of the current or next word.
    @discardableResult
    public mutating func moveWordRight() -> Bool {
        var index = cursor
        while index < characters.count && !isWordCharacter(characters[index]) { index += 1 }
        while index < characters.count && isWordCharacter(characters[index]) { index += 1 }
        return move(to: index)
    }

    private mutating func move(to index: Int) -> Bool {
        let target = min(max(0, index), characters.count)
        guard target != cursor else { return false }
        cursor = target
        return true
    }

    private func wordStart(before index: Int) -> Int {
        var index = index
        while index > 0 && !isWordCharacter(characters[index - 1]) { index -= 1 }
        while index > 0 && isWordCharacter(characters[index - 1]) { index -= 1 }
        return index
    }

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "'"
    }

    // MARK: Keys

    /// Applies an editing key. Keys it does not own (Enter, Tab, F-keys, resize…) return
    /// `.notHandled` so the screen can act on them.
    @discardableResult
    public mutating func apply(_ key: Key) -> Outcome {
        switch key {
        case .character(let character):
            guard LineEditor.isAcceptable(character) else { return .notHandled }
            return insert(character) ? .edited : .refused
        case .backspace, .ctrl("h"):
            return backspace() ? .edited : .refused
        case .delete, .ctrl("d"):
            return deleteForward() ? .edited : .refused
        case .left, .ctrl("b"):
            return moveLeft() ? .moved : .refused
        case .right, .ctrl("f"):
            return moveRight() ? .moved : .refused
        case .home, .ctrl("a"):
            return moveHome() ? .moved : .refused
        case .end, .ctrl("e"):
            return moveEnd() ? .moved : .refused
        case .wordLeft:
            return moveWordLeft() ? .moved : .refused
        case .wordRight:
            return moveWordRight() ? .moved : .refused
        case .ctrl("k"):
            return killToEnd().isEmpty ? .refused : .edited
        case .ctrl("u"):
            return killLine().isEmpty ? .refused : .edited
        case .ctrl("w"):
            return killWordBackward().isEmpty ? .refused : .edited
        default:
            return .notHandled
        }
    }

    // MARK: Display

    /// The part of the text to show in a field `width` columns wide, and the column of the cursor
    /// within it.
    ///
    /// When the text does not fit, the view scrolls so the cursor is always visible, and hidden
    /// text is marked with `‹` on the left and `›` on the right (never cut silently). The result
    /// is never wider than `width` (for `width` ≥ 2; a width below 1 is treated as 1).
    public func visibleSlice(width: Int) -> (text: String, cursorColumn: Int) {
        let width = max(1, width)
        let widths = characters.map(DisplayWidth.of)
        let total = widths.reduce(0, +)
        let cursorOffset = widths[..<cursor].reduce(0, +)

        // Everything fits, including a free cell for the cursor after the last character.
        if total < width || (total == width && cursor < characters.count) {
            return (text, cursorOffset)
        }

        let cursorCellWidth = cursor < characters.count ? max(1, widths[cursor]) : 1
        // Markers need a column each on top of the cursor's cell; tiny fields go without.
        let markers = width >= cursorCellWidth + 2
        let leftMarkerWidth = markers ? 1 : 0
        // Room for `›` is needed only if something follows the cursor.
        let rightMarkerWidth = markers && cursor < characters.count ? 1 : 0

        // Choose the first visible character: 0 if the cursor is visible from there, otherwise
        // the earliest start that keeps the cursor's cell inside the field.
        var start = 0
        if cursorOffset + cursorCellWidth > width - rightMarkerWidth {
            let room = width - leftMarkerWidth - rightMarkerWidth - cursorCellWidth
            var used = 0
            start = cursor
            while start > 0 && used + widths[start - 1] <= room {
                start -= 1
                used += widths[start]
            }
        }

        let showLeftMarker = markers && start > 0
        var columns = showLeftMarker ? 1 : 0
        var end = start
        while end < characters.count && columns + widths[end] <= width {
            columns += widths[end]
            end += 1
        }
        var showRightMarker = false
        if end < characters.count && markers {
            showRightMarker = true
            // Make room for `›`, never removing the character under the cursor.
            while end > max(start, min(characters.count, cursor + 1)) && columns + 1 > width {
                end -= 1
                columns -= widths[end]
            }
        }

        var shown = showLeftMarker ? "‹" : ""
        shown += String(characters[start..<end])
        if showRightMarker {
            shown += String(repeating: " ", count: max(0, width - 1 - columns)) + "›"
        }
        let cursorColumn = (showLeftMarker ? 1 : 0) + widths[start..<cursor].reduce(0, +)
        return (shown, cursorColumn)
    }
}
