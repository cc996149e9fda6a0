import Testing
@testable import FieldworkScreen

@Suite("LineEditor")
struct LineEditorTests {
    private func typed(_ text: String, maxLength: Int? = nil) -> LineEditor {
        var editor = LineEditor(maxLength: maxLength)
        for character in text { editor.apply(.character(character)) }
        return editor
    }

    @Test("typing UTF-8 text keeps every character; one backspace removes one character")
    func unicodeTyping() {
        var editor = typed("Zoë £5")
        #expect(editor.text == "Zoë £5")
        #expect(editor.count == 6)
        #expect(editor.cursor == 6)
        editor.apply(.backspace)
        editor.apply(.backspace)
        #expect(editor.text == "Zoë ")
        editor.apply(.character("東"))
        #expect(editor.text == "Zoë 東")
    }

    @Test("a decomposed é is one character for cursor and deletion")
    func decomposed() {
        var editor = LineEditor(text: "Cafe\u{0301}")
        #expect(editor.count == 4)
        editor.backspace()
        #expect(editor.text == "Caf")
    }

    @Test("cursor movement and insertion in the middle")
    func movement() {
        var editor = typed("Zo £5")
        #expect(editor.apply(.home) == .moved)
        #expect(editor.apply(.left) == .refused)
        editor.apply(.right)
        editor.apply(.right)
        editor.apply(.character("ë"))
        #expect(editor.text == "Zoë £5")
        #expect(editor.cursor == 3)
        #expect(editor.apply(.end) == .moved)
        #expect(editor.apply(.right) == .refused)
        editor.apply(.home)
        editor.apply(.delete)
        #expect(editor.text == "oë £5")
    }

    @Test("word movement stops at word starts and ends")
    func wordMovement() {
        var editor = LineEditor(text: "Müller & Søn Ltd")
        editor.moveWordLeft()
        #expect(editor.cursor == 13)   // before "Ltd"
        editor.moveWordLeft()
        #expect(editor.cursor == 9)    // before "Søn"
        editor.moveWordLeft()
        #expect(editor.cursor == 0)    // "&" is not a word
        editor.moveWordRight()
        #expect(editor.cursor == 6)    // after "Müller"
        editor.apply(.wordRight)
        #expect(editor.cursor == 12)   // after "Søn"
    }

    @Test("Ctrl-K kills to the end, Ctrl-U the line, Ctrl-W the previous word")
    func kills() {
        var editor = LineEditor(text: "one two three")
        editor.moveWordLeft()
        #expect(editor.apply(.ctrl("k")) == .edited)
        #expect(editor.text == "one two ")
        #expect(editor.apply(.ctrl("w")) == .edited)
        #expect(editor.text == "one ")
        #expect(editor.apply(.ctrl("u")) == .edited)
        #expect(editor.text.isEmpty)
        #expect(editor.cursor == 0)
        #expect(editor.apply(.ctrl("u")) == .refused)
    }

    @Test("Ctrl-A and Ctrl-E move home and end")
    func emacsKeys() {
        var editor = LineEditor(text: "abc")
        editor.apply(.ctrl("a"))
        #expect(editor.cursor == 0)
        editor.apply(.ctrl("e"))
        #expect(editor.cursor == 3)
    }

    @Test("maximum length counts characters, not bytes")
    func maxLength() {
        var editor = typed("££££££", maxLength: 4)
        #expect(editor.text == "££££")
        #expect(editor.isFull)
        #expect(editor.apply(.character("x")) == .refused)
        #expect(LineEditor(text: "東京都庁舎", maxLength: 3).text == "東京都")
        #expect(editor.insert(contentsOf: "abc") == 0)
    }

    @Test("control characters and line breaks are never inserted")
    func rejectsControls() {
        var editor = LineEditor()
        #expect(editor.insert("\u{1B}") == false)
        #expect(editor.insert("\n") == false)
        #expect(editor.insert("\u{202E}") == false)
        #expect(editor.apply(.enter) == .notHandled)
        #expect(editor.apply(.function(10)) == .notHandled)
        #expect(LineEditor(text: "a\u{1B}[2Jb").text == "a[2Jb")
        #expect(editor.isEmpty)
    }

    @Test("short text is shown whole with the cursor at its display column")
    func visibleShort() {
        var editor = LineEditor(text: "Zoë 東京")
        let view = editor.visibleSlice(width: 20)
        #expect(view.text == "Zoë 東京")
        #expect(view.cursorColumn == 8)
        editor.moveHome()
        editor.moveRight()
        #expect(editor.visibleSlice(width: 20).cursorColumn == 1)
    }

    @Test("long input scrolls so the cursor stays visible, with markers for hidden text")
    func visibleLong() {
        let text = String(repeating: "abcdefghij", count: 5)  // 50 characters
        var editor = LineEditor(text: text)
        let atEnd = editor.visibleSlice(width: 20)
        #expect(DisplayWidth.of(atEnd.text) <= 20)
        #expect(atEnd.text.hasPrefix("‹"))
        #expect(atEnd.text.hasSuffix("j"))
        #expect(atEnd.cursorColumn == 19)
        #expect(!atEnd.text.hasSuffix("›"))

        editor.moveHome()
        let atStart = editor.visibleSlice(width: 20)
        #expect(atStart.text.hasPrefix("abcdefghij"))
        #expect(atStart.text.hasSuffix("›"))
        #expect(DisplayWidth.of(atStart.text) == 20)
        #expect(atStart.cursorColumn == 0)
    }

    @Test("every cursor position in long mixed-width input is visible and within the field")
    func visibleEverywhere() {
        var editor = LineEditor(text: "Zoë £5 東京都庁舎 Müller & Søn Ltd 한국어 " + String(repeating: "x", count: 30))
        editor.moveHome()
        for width in [3, 5, 10, 17, 40] {
            editor.moveHome()
            for _ in 0...editor.count {
                let view = editor.visibleSlice(width: width)
                #expect(DisplayWidth.of(view.text) <= width, "width \(width) cursor \(editor.cursor): \(view.text)")
                #expect(view.cursorColumn >= 0 && view.cursorColumn < width, "width \(width) cursor \(editor.cursor)")
                // Hidden text is always signalled by a marker (fields of 4+ columns).
                let shownCount = view.text.filter { $0 != "‹" && $0 != "›" && $0 != " " }.count
                let textCount = editor.text.filter { $0 != " " }.count
                if width >= 4 && shownCount < textCount {
                    #expect(view.text.hasPrefix("‹") || view.text.hasSuffix("›"), "width \(width) cursor \(editor.cursor): \(view.text)")
                }
                // The character under the cursor is what the view shows at the cursor column.
                if editor.cursor < editor.count {
                    let shownCharacter = character(in: view.text, atColumn: view.cursorColumn)
                    #expect(shownCharacter == editor.characters[editor.cursor], "width \(width) cursor \(editor.cursor)")
                }
                editor.moveRight()
            }
        }
    }

    private func character(in text: String, atColumn column: Int) -> Character? {
        var used = 0
        for character in text {
            if used == column { return character }
            used += DisplayWidth.of(character)
            if used > column { return nil }
        }
        return nil
    }
}
