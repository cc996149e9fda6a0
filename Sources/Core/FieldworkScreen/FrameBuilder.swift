import FieldworkBasics
/// Builds a `ScreenFrame` top to bottom: wrapped paragraphs, instructions, bars and a footer.
///
/// It encodes the house conventions so every screen follows them: read-aloud text in its own
/// style, interviewer instructions prefixed with `▸` (so they are distinguishable even where
/// the terminal cannot dim or colour), all data made terminal-safe before it is measured, and
/// content that does not fit replaced by an explicit "more" marker instead of vanishing.
public struct FrameBuilder: Sendable {
    /// Prefix that marks interviewer-only text.
    public static let instructionPrefix = "▸ "

    public private(set) var frame: ScreenFrame
    /// The next screen row content will go to.
    public private(set) var nextRow = 0
    /// Rows at the bottom kept for the footer.
    public let reservedBottomRows: Int
    /// Content lines that did not fit on the screen.
    public private(set) var hiddenLineCount = 0

    public init(size: ScreenSize, reservedBottomRows: Int = 1) {
        self.frame = ScreenFrame(size: size)
        self.reservedBottomRows = max(0, min(reservedBottomRows, size.height))
    }

    public var width: Int { frame.size.width }
    /// The last row content may use, plus one.
    public var contentLimit: Int { frame.size.height - reservedBottomRows }
    /// Content rows still free.
    public var remainingRows: Int { max(0, contentLimit - nextRow) }

    /// Adds one row as given (the renderer clips it with a marker if it is too wide).
    public mutating func line(_ spans: [Span]) {
        guard nextRow < contentLimit else {
            hiddenLineCount += 1
            return
        }
        frame.set(row: nextRow, spans)
        nextRow += 1
    }

    /// Adds one row of a single span.
    public mutating func line(_ text: String, _ style: Style = .normal) {
        line([Span(text, style)])
    }

    /// Adds an empty row (skipped at the top of the screen and when space has run out).
    public mutating func blank() {
        guard nextRow > 0, nextRow < contentLimit else { return }
        nextRow += 1
    }

    /// Adds `text` wrapped to the screen width, each line prefixed with `indent` spaces.
    public mutating func paragraph(_ text: String, style: Style = .normal, indent: Int = 0) {
        prefixed(text, style: style, first: String(repeating: " ", count: max(0, indent)), prefixStyle: style)
    }

    /// Adds interviewer-only text: `▸ ` then the text, continuation lines aligned under it.
    public mutating func instruction(_ text: String, indent: Int = 0) {
        let pad = String(repeating: " ", count: max(0, indent))
        prefixed(text, style: .instruction, first: pad + FrameBuilder.instructionPrefix, prefixStyle: .instruction)
    }

    /// Adds wrapped text after a prefix (such as a question number or `▸ `); continuation lines
    /// are indented by the prefix's width so the text forms a block.
    public mutating func prefixed(_ text: String, style: Style, first prefix: String, prefixStyle: Style) {
        let safePrefix = TerminalSafe.text(prefix)
        let prefixWidth = DisplayWidth.of(safePrefix)
        let textWidth = max(1, width - prefixWidth)
        let hanging = String(repeating: " ", count: prefixWidth)
        var isFirst = true
        for paragraph in TerminalSafe.lines(text) {
            for wrapped in TextLayout.wrap(paragraph, width: textWidth) {
                var spans: [Span] = []
                // The hanging indent is plain: an underlined or reversed blank run would look like a field.
                if prefixWidth > 0 { spans.append(isFirst ? Span(safePrefix, prefixStyle) : Span(hanging, .normal)) }
                if !wrapped.isEmpty { spans.append(Span(wrapped, style)) }
                line(spans)
                isFirst = false
            }
        }
    }

    /// A full-width bar (title or status): `left` at the left, `right` at the right, padded.
    public mutating func bar(_ left: String, right: String = "", style: Style = .reverse) {
        line([Span(FrameBuilder.barText(left, right: right, width: width), style)])
    }

    /// Puts a full-width bar on the bottom row (the reserved footer row).
    public mutating func footer(_ left: String, right: String = "", style: Style = .reverse) {
        frame.set(row: frame.size.height - 1,
                  [Span(FrameBuilder.barText(left, right: right, width: width), style)])
    }

    /// Sets a specific row, for fixed-position elements such as an input line.
    public mutating func set(row: Int, _ spans: [Span]) {
        frame.set(row: row, spans)
    }

    /// Moves the next content row (for example to leave room, or to place a block lower down).
    public mutating func skip(to row: Int) {
        nextRow = max(nextRow, min(row, contentLimit))
    }

    public mutating func placeCursor(row: Int, column: Int) {
        frame.cursor = ScreenPosition(row: row, column: column)
    }

    /// The finished frame. If content overflowed, the last content row says how much is hidden.
    public func build() -> ScreenFrame {
        var result = frame
        if hiddenLineCount > 0 && contentLimit > 0 {
            let hidden = hiddenLineCount + 1  // the row the marker replaces is hidden too
            let note = "… \(hidden) more line\(hidden == 1 ? "" : "s") not shown"
            result.set(row: contentLimit - 1, [Span(TextLayout.clip(note, width: width), .warning)])
        }
        return result
    }

    /// `left` and `right` on one line of exactly `width` columns; `left` is clipped with a
    /// marker if both do not fit, and `right` is dropped only if it alone is wider than the line.
    public static func barText(_ left: String, right: String, width: Int) -> String {
        let left = TerminalSafe.text(left)
        let right = TerminalSafe.text(right)
        let rightWidth = DisplayWidth.of(right)
        guard rightWidth > 0, rightWidth + 1 < width else {
            return TextLayout.pad(TextLayout.clip(left, width: width), toWidth: width)
        }
        let leftPart = TextLayout.clip(left, width: width - rightWidth - 1)
        return TextLayout.pad(leftPart, toWidth: width - rightWidth) + right
    }
}
