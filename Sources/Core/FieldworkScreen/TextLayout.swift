import FieldworkBasics
/// Fitting text into terminal columns without ever dropping a character.
///
/// Questions are read aloud word for word, so text is wrapped at word boundaries by display width
/// (not character count: "£" is one column, "日" two) and a word that cannot fit is broken rather
/// than cut off. Only whitespace at a line break disappears.
public enum TextLayout {
    /// Wraps `text` into lines of at most `width` columns.
    ///
    /// - Explicit line breaks are kept: each becomes a new line, and an empty line stays empty.
    /// - Leading whitespace of a paragraph (indentation) is kept; whitespace at a break is dropped;
    ///   whitespace between words on one line is kept as written.
    /// - A word wider than `width` is broken at grapheme boundaries.
    /// - A width below 1 is treated as 1. A single character wider than the width (a CJK
    ///   character at width 1) still gets its own line rather than being lost.
    public static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            wrapParagraph(paragraph, width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: Substring, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var lineHasWords = false
        var pendingSpace = ""
        var pendingSpaceWidth = 0

        func emit() {
            lines.append(line)
            line = ""
            lineWidth = 0
            lineHasWords = false
        }

        /// Appends a word character by character, starting new lines when it overflows.
        func place(_ word: Substring) {
            for character in word {
                let characterWidth = DisplayWidth.of(character)
                if lineWidth + characterWidth > width && lineWidth > 0 { emit() }
                line.append(character)
                lineWidth += characterWidth
            }
            lineHasWords = true
        }

        var index = paragraph.startIndex
        while index < paragraph.endIndex {
            let isSpace = paragraph[index].isWhitespace
            var end = paragraph.index(after: index)
            while end < paragraph.endIndex && paragraph[end].isWhitespace == isSpace {
                end = paragraph.index(after: end)
            }
            let token = paragraph[index..<end]
            index = end

            if isSpace {
                let spaceWidth = max(DisplayWidth.of(token), token.count)
                if lineHasWords {
                    pendingSpace = String(token)
                    pendingSpaceWidth = spaceWidth
                } else if lineWidth + spaceWidth < width {
                    // Indentation at the start of the paragraph (no word placed yet).
                    line += token
                    lineWidth += spaceWidth
                }
                continue
            }

            let wordWidth = DisplayWidth.of(token)
            if lineHasWords {
                if lineWidth + pendingSpaceWidth + wordWidth <= width {
                    line += pendingSpace
                    lineWidth += pendingSpaceWidth
                    line += token
                    lineWidth += wordWidth
                } else {
                    emit()
                    place(token)
                }
            } else if lineWidth > 0 && lineWidth + wordWidth > width && wordWidth <= width {
                // Indentation plus the word does not fit, but the word alone does.
                emit()
                place(token)
            } else {
                place(token)
            }
            pendingSpace = ""
            pendingSpaceWidth = 0
        }
        emit()
    }

    /// Cuts `text` to at most `width` columns. When something is cut, the last column shows
    /// `marker` so the reader knows there is more (text is never cut silently).
    public static func clip(_ text: String, width: Int, marker: Character = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let markerWidth = DisplayWidth.of(marker)
        var result = ""
        var used = 0
        for character in text {
            let characterWidth = DisplayWidth.of(character)
            if used + characterWidth > width - markerWidth { break }
            result.append(character)
            used += characterWidth
        }
        if markerWidth <= width { result.append(marker) }
        return result
    }

    /// Makes a row of spans safe and fits it into `width` columns: every span passes through
    /// `TerminalSafe`, and if the row is too wide it is cut and its last column shows `…` in the
    /// style of the first hidden character. Empty spans are dropped. This is exactly what the
    /// renderer paints, kept here so it can be tested without a terminal.
    public static func fit(_ spans: [Span], width: Int) -> [Span] {
        guard width > 0 else { return [] }
        let safe = spans.map { Span(TerminalSafe.text($0.text), $0.style) }.filter { !$0.text.isEmpty }
        if safe.reduce(0, { $0 + DisplayWidth.of($1.text) }) <= width { return safe }
        var result: [Span] = []
        var used = 0
        for span in safe {
            var kept = ""
            for character in span.text {
                let characterWidth = DisplayWidth.of(character)
                if used + characterWidth > width - 1 {
                    if !kept.isEmpty { result.append(Span(kept, span.style)) }
                    result.append(Span("…", span.style))
                    return result
                }
                kept.append(character)
                used += characterWidth
            }
            if !kept.isEmpty { result.append(Span(kept, span.style)) }
        }
        return result
    }

    /// `text` followed by spaces up to `width` columns (unchanged if already that wide).
    public static func pad(_ text: String, toWidth width: Int) -> String {
        let missing = width - DisplayWidth.of(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
