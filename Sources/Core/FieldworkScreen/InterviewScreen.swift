import FieldworkBasics
import FieldworkEngine
import FieldworkModel

/// What the interview screen shows besides the engine's state: who, which case, how long.
public struct InterviewScreenContext: Sendable, Hashable {
    public var caseID: String
    public var interviewerID: String
    /// Sample details for the interviewer's eyes only (business name, phone …), never read out.
    public var sampleDisplay: [String]
    /// Interview time so far, across sittings.
    public var elapsedSeconds: Int

    public init(caseID: String, interviewerID: String, sampleDisplay: [String] = [], elapsedSeconds: Int = 0) {
        self.caseID = caseID
        self.interviewerID = interviewerID
        self.sampleDisplay = sampleDisplay
        self.elapsedSeconds = elapsedSeconds
    }
}

/// Composes the interview screen: a pure function of the engine's state, the screen's own state,
/// the context and the window size. Header (who, where, how long), body (the question, read-aloud
/// text bold and plain, interviewer instructions after `▸`), a message line, the answer line and
/// the keys that work now. Text that does not fit scrolls with explicit markers; nothing is cut.
public enum InterviewScreen {
    /// A composed frame and what the controller needs to scroll it.
    public struct Composition: Sendable, Hashable {
        public var frame: ScreenFrame
        /// The largest useful `scroll` value for this body at this size.
        public var scrollLimit: Int
        /// Body rows available.
        public var bodyHeight: Int
    }

    /// Composes the screen. `controller.scroll` beyond the limit is clamped.
    public static func compose(interview: Interview, controller: InterviewController,
                               context: InterviewScreenContext, size: ScreenSize) -> Composition {
        let width = max(1, size.width)
        var frame = ScreenFrame(size: size)
        let view = interview.currentView()

        // Header: title bar with the clock, sample and progress line, section line.
        frame.set(row: 0, headerBar(interview: interview, context: context, width: width))
        let progress: String
        if let view {
            let total = max(view.position, controller.expectedTotal > 0 ? controller.expectedTotal : view.expectedTotal)
            progress = "Section \(view.sectionNumber)/\(view.sectionCount) · Q \(view.position) of ~\(total)"
        } else {
            progress = interview.isAtEndScreen ? (interview.state.endpoint != nil ? "Interview ends here" : "All questions answered") : "Interview closed"
        }
        frame.set(row: 1, sampleLine(context.sampleDisplay, progress: progress, width: width))
        if let view {
            frame.set(row: 2, sectionLine(view, width: width))
        }

        // Bottom block: message (up to two lines), input line, footer.
        let footerRow = size.height - 1
        let inputRow = size.height - 2
        var messageLines: [[Span]] = []
        if let message = controller.message {
            let wrapped = TextLayout.wrap(TerminalSafe.text(message.text), width: width)
            for (index, line) in wrapped.prefix(2).enumerated() {
                let last = index == 1 && wrapped.count > 2
                messageLines.append([Span(last ? TextLayout.clip(line + " " + wrapped[2...].joined(separator: " "), width: width) : line, message.style)])
            }
        }
        let messageTop = inputRow - messageLines.count
        for (index, line) in messageLines.enumerated() { frame.set(row: messageTop + index, line) }

        let bodyTop = 4
        let bodyHeight = max(0, messageTop - bodyTop)
        var body = InterviewBody(width: width)
        var focusLine: Int?
        if let dialog = controller.dialog {
            focusLine = composeDialog(dialog, into: &body, interview: interview, controller: controller)
        } else if let view {
            focusLine = composeQuestion(view, into: &body, interview: interview, controller: controller)
        } else if interview.isAtEndScreen, let ending = interview.endingView() {
            body.paragraph("The interview ends here — outcome: \(ending.outcome.label).", style: .heading)
            body.blank()
            if let text = ending.text, !text.isEmpty { body.paragraph(TerminalSafe.text(text), style: .normal) }
            if let instruction = ending.instruction, !instruction.isEmpty { body.instruction(TerminalSafe.text(instruction)) }
            body.instruction("Enter closes the interview with this outcome (\(ending.outcome.rawValue)); F4 goes back to change an answer.")
        } else if interview.isAtEndScreen {
            body.paragraph("All questions answered — Enter to finish, F4 to go back.", style: .heading)
            body.blank()
            body.instruction("Thank the respondent before pressing Enter. Enter records the interview as complete and closes the case.")
        } else {
            body.paragraph("This interview is closed: nothing more can be recorded.", style: .warning)
        }

        // Scrolling: keep the focus line (grid row, jump selection) visible, else honour `scroll`.
        let lines = body.lines
        var scrollLimit = 0
        var offset = 0
        if bodyHeight > 0 {
            if lines.count > bodyHeight {
                // Markers take one row each at the top and bottom when needed.
                scrollLimit = max(0, lines.count - (bodyHeight - 1))
                offset = min(max(0, controller.scroll), scrollLimit)
                // A grid row or list selection off screen brings the view to it (markers take
                // up to two of the rows, hence `room`).
                if let focusLine, controller.dialog == nil || isListDialog(controller.dialog) {
                    let room = max(1, bodyHeight - 2)
                    if focusLine < offset || focusLine >= offset + room {
                        offset = min(scrollLimit, max(0, focusLine - room / 2))
                    }
                }
            }
            var row = bodyTop
            let end = bodyTop + bodyHeight
            var index = offset
            if offset > 0 {
                frame.set(row: row, [Span("▲ \(offset) line\(offset == 1 ? "" : "s") above — PgUp", .warning)])
                row += 1
            }
            while row < end && index < lines.count {
                let remainingLines = lines.count - index
                if row == end - 1 && remainingLines > 1 {
                    frame.set(row: row, [Span("▼ \(remainingLines) more line\(remainingLines == 1 ? "" : "s") — PgDn", .warning)])
                    row += 1
                    break
                }
                frame.set(row: row, lines[index])
                row += 1
                index += 1
            }
            // Keep PgDn from scrolling past the point where the last line is visible.
            scrollLimit = lines.count > bodyHeight ? max(0, lines.count - bodyHeight + 1) : 0
        }

        // Input line.
        let prompt = inputPrompt(view: view, controller: controller, interview: interview)
        if let editorForCursor = activeEditor(controller) {
            let promptWidth = DisplayWidth.of(TerminalSafe.text(prompt))
            let field = editorForCursor.visibleSlice(width: max(1, width - promptWidth - 1))
            frame.set(row: inputRow, [Span(prompt, .heading), Span(field.text, .input)])
            frame.cursor = ScreenPosition(row: inputRow, column: min(width - 1, promptWidth + field.cursorColumn))
        } else {
            frame.set(row: inputRow, [Span(prompt, .heading)])
        }

        frame.set(row: footerRow, [Span(footer(controller: controller, interview: interview, width: width), .reverse)])
        return Composition(frame: frame, scrollLimit: scrollLimit, bodyHeight: bodyHeight)
    }

    private static func isListDialog(_ dialog: InterviewDialog?) -> Bool {
        switch dialog {
        case .jumpList?, .extraMissing?, .review?, .hardCheck?, .softCheck?: return true
        default: return false
        }
    }

    // MARK: Header

    /// "mm:ss" (or "h:mm:ss" past an hour).
    public static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if s >= 3600 { return "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" }
        return "\(two(s / 60)):\(two(s % 60))"
    }

    /// The clock's style: normal, a warning five minutes before the target, an alert at it.
    public static func clockStyle(elapsedSeconds: Int, targetMinutes: Double) -> Style {
        let target = targetMinutes * 60
        if Double(elapsedSeconds) >= target { return .alert }
        if Double(elapsedSeconds) >= target - 300 { return .warning }
        return .reverse
    }

    static func headerBar(interview: Interview, context: InterviewScreenContext, width: Int) -> [Span] {
        let questionnaire = interview.instrument.questionnaire
        let title = questionnaire.title.text(in: interview.language)
        let target = questionnaire.targetMinutes
        let targetText = target == target.rounded() ? "\(Int(target)):00" : clock(Int(target * 60))
        let time = " \(clock(context.elapsedSeconds)) / \(targetText) "
        let timeStyle = clockStyle(elapsedSeconds: context.elapsedSeconds, targetMinutes: target)
        let left = " \(title) · Case \(context.caseID) · Int \(context.interviewerID)"
        let timeWidth = DisplayWidth.of(time)
        guard timeWidth + 1 < width else { return [Span(TextLayout.pad(TextLayout.clip(time, width: width), toWidth: width), timeStyle)] }
        let leftText = TextLayout.pad(TextLayout.clip(TerminalSafe.text(left), width: width - timeWidth), toWidth: width - timeWidth)
        return [Span(leftText, .reverse), Span(time, timeStyle)]
    }

    /// The sample details on the left and the progress on the right. The progress and phone-like
    /// details (the number to dial) always show whole; names give up columns first.
    static func sampleLine(_ sample: [String], progress: String, width: Int) -> [Span] {
        var parts: [ElasticLine.Part] = []
        for item in sample where !item.isEmpty {
            if !parts.isEmpty { parts.append(ElasticLine.Part(" · ")) }
            parts.append(ElasticLine.Part(item, .normal, shrinks: !isPhoneLike(item)))
        }
        let progressWidth = DisplayWidth.of(progress)
        guard progressWidth + 2 < width else { return ElasticLine(parts).layout(width: width) }
        let left = ElasticLine(parts).layout(width: width - progressWidth - 2)
        let used = left.reduce(0) { $0 + DisplayWidth.of($1.text) }
        return left + [Span(String(repeating: " ", count: width - progressWidth - used)), Span(progress, .dim)]
    }

    /// True for a sample value that reads as a phone number: digits with spaces, `+`, `-`, `.`
    /// or parentheses, at least six digits.
    static func isPhoneLike(_ text: String) -> Bool {
        let digits = text.filter(\.isASCIIDigit).count
        return digits >= 6 && text.allSatisfy { $0.isASCIIDigit || " +-().".contains($0) }
    }

    /// Section title, loop item with its counter ("Burglary (1 of 3)") and question id. The counter
    /// and the id always show; the section title, then the loop item's name, give up columns.
    static func sectionLine(_ view: QuestionView, width: Int) -> [Span] {
        var parts = [ElasticLine.Part(view.sectionTitle, .heading, shrinks: true)]
        if let loop = view.loopLabel {
            let (name, counter) = splitLoopLabel(loop)
            parts.append(ElasticLine.Part(" · ", .dim))
            parts.append(ElasticLine.Part(name, .emphasis, shrinks: true))
            if let counter { parts.append(ElasticLine.Part(counter, .emphasis)) }
        }
        parts.append(ElasticLine.Part("  [\(view.address)]", .dim))
        return ElasticLine(parts).layout(width: width)
    }

    /// "Burglary (1 of 3)" → ("Burglary", " (1 of 3)"); a label without a counter stays whole.
    static func splitLoopLabel(_ label: String) -> (name: String, counter: String?) {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "("), open > label.startIndex,
              label[label.index(before: open)] == " " else { return (label, nil) }
        let inside = label[label.index(after: open)..<label.index(before: label.endIndex)].split(separator: " ")
        guard inside.count == 3, inside[1] == "of", Int(inside[0]) != nil, Int(inside[2]) != nil else { return (label, nil) }
        let space = label.index(before: open)
        return (String(label[..<space]), String(label[space...]))
    }

    // MARK: Question body

    /// Returns the body line to keep visible (the current grid row), if any.
    static func composeQuestion(_ view: QuestionView, into body: inout InterviewBody, interview: Interview, controller: InterviewController) -> Int? {
        // A text that is not read aloud is the interviewer's own question: styled as an instruction.
        if view.readAloud { body.paragraph(view.text, style: .readAloud) } else { body.instruction(view.text) }
        if let instruction = view.instruction, !instruction.isEmpty {
            body.instruction(instruction)
        }
        var focus: Int?
        let kind = view.question.kind
        switch kind {
        case .single, .multiple:
            body.blank()
            let isMultiple: Bool
            if case .multiple = kind { isMultiple = true } else { isMultiple = false }
            let chosen: Set<Int>
            if isMultiple {
                chosen = Set(controller.toggled)
            } else if case .choice(let code, _)? = view.currentAnswer ?? view.previousAnswer {
                chosen = [code]
            } else {
                chosen = []
            }
            let numbering = OptionNumbering(view)
            let search = controller.optionSearch(view)
            var shown = view.options
            if let search {
                let matching = Set(search.matches)
                shown = view.options.filter { matching.contains($0.code) }
                if shown.isEmpty {
                    body.paragraph("No option matches \"\(search.query)\" — Backspace to change the search, Esc to see all \(search.optionCount).", style: .warning)
                } else {
                    body.instruction("Search \"\(search.query)\": \(shown.count) of \(search.optionCount) — ↑ ↓ choose, Enter picks », Esc shows all")
                }
            } else if view.options.count > InterviewOptionSearch.longListThreshold {
                body.instruction("Type the code, or letters of the name to search the list.")
            }
            let lines = shown.map { option in
                optionLine(option, number: numbering.number(ofCode: option.code), isMultiple: isMultiple, chosen: chosen.contains(option.code),
                           specify: controller.specifyTexts[option.code], highlighted: search?.highlighted == option.code)
            }
            let highlightedIndex = search?.highlighted.flatMap { code in shown.firstIndex { $0.code == code } }
            let optionFocus = placeOptions(lines, highlightedIndex: highlightedIndex, into: &body)
            if search != nil { focus = optionFocus }
            if isMultiple, case .multiple(let minimum, let maximum) = kind {
                let range: String
                if let maximum { range = minimum == maximum ? "exactly \(minimum)" : "\(minimum) to \(maximum)" } else { range = "at least \(minimum)" }
                body.instruction("Tick \(range): type a code then Space or Enter; Enter on an empty line accepts. Ticked: \(controller.toggled.isEmpty ? "none" : controller.toggled.map { String(numbering.number(ofCode: $0)) }.joined(separator: ", "))")
            }
        case .grid(let items):
            body.blank()
            let numbering = OptionNumbering(view)
            let scale = view.options.map { option in
                let number = numbering.number(ofCode: option.code)
                return option.readOut ? "\(number) \(option.label)" : "[\(number)] \(option.label) [not read]"
            }
            body.paragraph("Scale: " + scale.joined(separator: " · "), style: .dim)
            body.blank()
            for (index, itemText) in view.gridItems.enumerated() where index < items.count {
                let isCurrent = index == controller.gridRow
                if isCurrent { focus = body.lines.count }
                let cell = index < controller.gridCells.count ? controller.gridCells[index] : nil
                let answer = cell.map { describeCell($0, view: view) } ?? "—"
                let marker = isCurrent ? "› " : "  "
                body.prefixed("\(itemText)  = \(answer)", style: isCurrent ? .selected : .normal, prefix: "\(marker)\(index + 1). ", prefixStyle: isCurrent ? .selected : .dim)
            }
        case .integer(let minimum, let maximum, let unit):
            body.blank()
            body.instruction("Number" + rangeText(minimum.map(Double.init), maximum.map(Double.init), decimals: 0, unit: unit))
        case .decimal(let minimum, let maximum, let decimals, let unit):
            body.blank()
            body.instruction("Amount" + rangeText(minimum, maximum, decimals: decimals, unit: unit) + (decimals > 0 ? ", up to \(decimals) decimal place\(decimals == 1 ? "" : "s")" : ""))
        case .text(let maxLength):
            body.blank()
            body.instruction("Type the answer as given (up to \(maxLength) characters).")
        case .date(let minimum, let maximum):
            body.blank()
            var text = "Date as YYYY-MM-DD"
            if let minimum, let maximum { text += ", from \(minimum) to \(maximum)" } else if let minimum { text += ", from \(minimum)" } else if let maximum { text += ", up to \(maximum)" }
            body.instruction(text)
        case .statement:
            body.blank()
            body.instruction(view.readAloud ? "Read out, then press Enter." : "Press Enter to go on.")
        }
        let extraMissing = InterviewMissingChoices(view, interview: interview)
        if view.allowDontKnow || view.allowRefused || !extraMissing.isEmpty {
            var parts: [String] = []
            if view.allowDontKnow { parts.append("F2 don't know") }
            if view.allowRefused { parts.append("F3 refused") }
            if let hint = extraMissing.hint {
                if case .grid = kind { parts.append(hint + " for the whole grid") } else { parts.append(hint) }
            }
            body.line([Span("  (" + parts.joined(separator: " · ") + " — do not read out)", .dim)])
        }
        if let current = view.currentAnswer {
            body.blank()
            body.line([Span("Current answer: ", .heading), Span(interview.describe(current, for: view.key), .emphasis), Span(" — Enter keeps it, or type a new one", .dim)])
        } else if let previous = view.previousAnswer {
            body.blank()
            body.prefixed("previously: \(interview.describe(previous, for: view.key)) — confirm or change (Enter confirms)", style: .warning, prefix: "", prefixStyle: .warning)
        }
        return focus
    }

    static func describeCell(_ cell: Response, view: QuestionView) -> String {
        switch cell {
        case .choice(let code, _):
            if let option = view.options.first(where: { $0.code == code }) { return "\(OptionNumbering(view).number(ofCode: code)) \(option.label)" }
            return String(code)
        case .dontKnow: return "don't know"
        case .refused: return "refused"
        case .missingCode(let name): return name
        default: return "?"
        }
    }

    /// One option as shown: its number (and tick box or choice mark) and its label, with styles.
    struct OptionLine {
        var prefix: String
        var label: String
        var style: Style
        var prefixStyle: Style
        var width: Int { DisplayWidth.of(TerminalSafe.text(prefix)) + DisplayWidth.of(TerminalSafe.text(label)) }
    }

    /// `highlighted`: the option a search would pick, marked `»` at the left margin.
    static func optionLine(_ option: QuestionView.OptionView, number: Int, isMultiple: Bool, chosen: Bool, specify: String?,
                           highlighted: Bool = false) -> OptionLine {
        // A single choice marks the highlight where the chosen answer's › goes; a multiple choice
        // before its tick box.
        let box = isMultiple ? (chosen ? "[x] " : "[ ] ") : (highlighted ? "» " : chosen ? "› " : "  ")
        let margin = highlighted && isMultiple ? "» " : "  "
        var label = option.label
        if option.takesSpecify { label += specify.map { ": \($0)" } ?? " (specify)" }
        if option.exclusive && isMultiple { label += " (only answer)" }
        let marked = chosen || highlighted
        if option.readOut {
            return OptionLine(prefix: "\(margin)\(box)\(number). ", label: label, style: marked ? .selected : .normal, prefixStyle: marked ? .selected : .normal)
        }
        return OptionLine(prefix: "\(margin)\(box)[\(number)] ", label: label + " [not read]", style: marked ? .selected : .dim, prefixStyle: marked ? .selected : .dim)
    }

    /// Columns between the two columns of a long list.
    static let optionColumnGap = 2

    /// Places the options: one under another, or — for a long list whose every line fits in half
    /// the width — in two columns read down then across. Returns the body line of the highlighted
    /// option.
    static func placeOptions(_ lines: [OptionLine], highlightedIndex: Int?, into body: inout InterviewBody) -> Int? {
        let columnWidth = (body.width - optionColumnGap) / 2
        let twoColumns = lines.count > InterviewOptionSearch.longListThreshold && lines.allSatisfy { $0.width <= columnWidth }
        guard twoColumns else {
            var focus: Int?
            for (index, line) in lines.enumerated() {
                if index == highlightedIndex { focus = body.lines.count }
                body.prefixed(line.label, style: line.style, prefix: line.prefix, prefixStyle: line.prefixStyle)
            }
            return focus
        }
        let rows = (lines.count + 1) / 2
        // Within a column the labels line up: "1.  Barking …" over "10. Enfield".
        func aligned(_ column: ArraySlice<OptionLine>) -> [OptionLine] {
            let prefixWidth = column.map { DisplayWidth.of($0.prefix) }.max() ?? 0
            return column.map { line in
                var padded = line
                padded.prefix = TextLayout.pad(line.prefix, toWidth: prefixWidth)
                return padded.width <= columnWidth ? padded : line
            }
        }
        let leftColumn = aligned(lines[..<rows])
        let rightColumn = aligned(lines[rows...])
        var focus: Int?
        for row in 0..<rows {
            let left = leftColumn[row]
            var spans = [Span(left.prefix, left.prefixStyle), Span(left.label, left.style)]
            if let highlightedIndex, highlightedIndex == row || highlightedIndex == row + rows { focus = body.lines.count }
            if row < rightColumn.count {
                let right = rightColumn[row]
                spans.append(Span(String(repeating: " ", count: columnWidth - left.width + optionColumnGap), .normal))
                spans += [Span(right.prefix, right.prefixStyle), Span(right.label, right.style)]
            }
            body.line(spans)
        }
        return focus
    }

    static func rangeText(_ minimum: Double?, _ maximum: Double?, decimals: Int, unit: String?) -> String {
        func number(_ value: Double) -> String { ValueFormatter.number(value, decimals: decimals == 0 ? nil : nil) }
        var text = ""
        if let minimum, let maximum { text = " from \(number(minimum)) to \(number(maximum))" }
        else if let minimum { text = " of at least \(number(minimum))" }
        else if let maximum { text = " up to \(number(maximum))" }
        if let unit, !unit.isEmpty { text += " (\(unit))" }
        return text
    }

    // MARK: Dialogs

    static func composeDialog(_ dialog: InterviewDialog, into body: inout InterviewBody, interview: Interview, controller: InterviewController) -> Int? {
        switch dialog {
        case .help:
            body.paragraph("Keys", style: .heading)
            for entry in InterviewKeyGuide.help {
                body.prefixed(entry.action, style: .normal, prefix: TextLayout.pad(entry.keys, toWidth: 22) + " ", prefixStyle: .emphasis)
            }
            body.blank()
            body.instruction("Any other key closes this help.")
        case .softCheck(let failures, let response, _):
            // The question's wording stays on screen above the check, so it can be read again.
            var focus: Int?
            if let view = interview.currentView() {
                if view.readAloud { body.paragraph(view.text, style: .readAloud) } else { body.instruction(view.text) }
                body.blank()
                focus = body.lines.count
                body.paragraph("Please check this answer", style: .warning)
                body.line([Span("Answer: ", .heading), Span(interview.describe(response, for: view.key), .emphasis)])
            } else {
                body.paragraph("Please check this answer", style: .warning)
            }
            body.blank()
            for failure in failures { body.paragraph(failure.message, style: .readAloud) }
            body.blank()
            body.instruction("Check with the respondent. Enter or y: the answer is right, keep it and go on. Esc or n: go back and change it.")
            return focus
        case .jumpList(let selection, let filter):
            let entries = InterviewJumpList(interview: interview).filtered(filter.text)
            body.paragraph("Jump to an answered question (type to filter, ↑ ↓, Enter; Esc cancels)", style: .heading)
            if entries.isEmpty {
                body.paragraph("No answered question matches \"\(filter.text)\" — Backspace to change it, Esc to see all.", style: .warning)
            }
            return entryList(entries, selection: selection, into: &body)
        case .review(let selection):
            let review = InterviewReview(interview: interview)
            body.paragraph("Review: \(review.sectionTitle) (section \(review.sectionNumber)/\(review.sectionCount)) — \(review.answeredCount) of \(review.entries.count) answered", style: .heading)
            body.instruction("Read the answers back if needed. ↑ ↓ then Enter goes to a question to change it; Esc closes.")
            body.blank()
            return entryList(review.entries, selection: selection, current: review.currentIndex, into: &body)
        case .hardCheck(let failures, let others, let selection):
            var focus: Int?
            if let view = interview.currentView() {
                if view.readAloud { body.paragraph(view.text, style: .readAloud) } else { body.instruction(view.text) }
                body.blank()
            }
            body.paragraph("This answer fails a check", style: .alert)
            for failure in failures { body.paragraph(failure.message, style: .readAloud) }
            body.blank()
            body.instruction("The check reads another answer. If that one is wrong, go to it (↑ ↓ or its number, Enter). Esc: stay here and change this answer.")
            let list = InterviewJumpList(interview: interview).entries
            for (index, address) in others.enumerated() {
                let entry = list.first { $0.address == address }
                let isSelected = index == selection
                if isSelected { focus = body.lines.count }
                let text = (entry.map { "\($0.place)  \($0.label)" } ?? address.description) + " = " + (entry?.answer ?? "—")
                body.prefixed(text, style: isSelected ? .selected : .normal, prefix: (isSelected ? "› " : "  ") + "\(index + 1). ",
                              prefixStyle: isSelected ? .selected : .normal)
            }
            return focus
        case .resumed(let summary):
            body.paragraph("Resuming a partial interview", style: .heading)
            body.instruction("Last sitting by \(summary.lastInterviewer), stopped \(summary.stoppedAt): \(summary.howItStopped). "
                             + "\(summary.sittings) earlier sitting\(summary.sittings == 1 ? "" : "s"), \(summary.answered) answer\(summary.answered == 1 ? "" : "s") saved.")
            if let view = interview.currentView() {
                body.instruction("It continues at \(view.address) (Q \(view.position)): \(view.question.label?.text(in: interview.language) ?? view.text)")
            }
            body.blank()
            body.paragraph("Hello, I'm calling back to finish the survey we started earlier. We'll carry on from where we stopped, so it won't take as long as last time.", style: .readAloud)
            body.blank()
            body.instruction("Read this out, then press Enter for the question. F5 jump and F11 review work from the question.")
        case .note:
            body.paragraph("Note on this question", style: .heading)
            body.instruction("Type the note and press Enter to save it; Esc cancels. Notes go to the journal with the question.")
        case .specify(let code, _, _):
            let view = interview.currentView()
            let label = view?.options.first(where: { $0.code == code })?.label ?? String(code)
            body.paragraph("Please specify: \(view.map { OptionNumbering($0).number(ofCode: code) } ?? code) \(label)", style: .heading)
            body.instruction("Type what the respondent said and press Enter; Esc cancels.")
        case .appointment(let form):
            body.paragraph("Suspend with an appointment", style: .heading)
            body.instruction("Tab or Enter moves to the next field; Enter on the note saves and closes the interview; Esc cancels.")
            body.blank()
            for (index, label) in InterviewAppointmentForm.labels.enumerated() {
                let focused = index == form.focus
                body.line([Span((focused ? "› " : "  ") + TextLayout.pad(label, toWidth: 18) + " ", focused ? .heading : .normal),
                           Span(form.fields[index].text.isEmpty && !focused ? "—" : form.fields[index].text, .input)])
            }
            if let error = form.error {
                body.blank()
                body.paragraph(error, style: .alert)
            }
        case .extraMissing(let selection):
            guard let view = interview.currentView() else { return nil }
            let choices = InterviewMissingChoices(view, interview: interview).choices
            body.paragraph("Other non-answer — do not read out", style: .heading)
            var how = "Choose what the respondent's answer amounts to (↑ ↓ or its number); Enter records it; Esc cancels."
            if case .grid = view.question.kind { how += " It answers the whole grid." }
            body.instruction(how)
            body.blank()
            var focus: Int?
            for (index, choice) in choices.enumerated() {
                let isSelected = index == selection
                if isSelected { focus = body.lines.count }
                body.prefixed(choice.label, style: isSelected ? .selected : .normal, prefix: (isSelected ? "› " : "  ") + "\(index + 1). ", prefixStyle: isSelected ? .selected : .normal)
            }
            return focus
        case .stopMenu(let selection):
            body.paragraph("Stop this interview", style: .heading)
            body.instruction("Choose the outcome (↑ ↓ or its number), Enter records it and closes the case; Esc cancels.")
            body.blank()
            for (index, outcome) in InterviewStopOutcome.allCases.enumerated() {
                let isSelected = index == selection
                body.prefixed(outcome.label, style: isSelected ? .selected : .normal, prefix: (isSelected ? "› " : "  ") + "\(index + 1). ", prefixStyle: isSelected ? .selected : .normal)
            }
        case .leaveConfirm:
            body.paragraph("Leave this interview? Answers so far are saved. y/n", style: .warning)
            body.instruction("y: close now; the case can be resumed later. n or Esc: stay.")
        }
        return nil
    }

    /// A list of questions with their answers (jump list, review): "› 12. q_staff  Staff = 12";
    /// `current` marks the question on screen. Returns the selected line.
    static func entryList(_ entries: [InterviewJumpList.Entry], selection: Int, current: Int? = nil, into body: inout InterviewBody) -> Int? {
        var focus: Int?
        for (index, entry) in entries.enumerated() {
            let isSelected = index == selection
            if isSelected { focus = body.lines.count }
            let marker = isSelected ? "› " : (index == current ? "▸ " : "  ")
            let prefix = marker + "\(entry.position). \(entry.place)  "
            let answer = entry.answer ?? "(not answered)"
            let text = "\(entry.label) = \(answer)" + (index == current ? "  ← on screen" : "")
            body.prefixed(text, style: isSelected ? .selected : (entry.answer == nil ? .dim : .normal), prefix: prefix,
                          prefixStyle: isSelected ? .selected : .dim)
        }
        return focus
    }

    // MARK: Input and footer

    static func activeEditor(_ controller: InterviewController) -> LineEditor? {
        switch controller.dialog {
        case .note(let editor)?: return editor
        case .specify(_, let editor, _)?: return editor
        case .appointment(let form)?: return form.fields[form.focus]
        case .jumpList(_, let filter)?: return filter
        case nil: return controller.editor
        default: return nil
        }
    }

    static func inputPrompt(view: QuestionView?, controller: InterviewController, interview: Interview) -> String {
        switch controller.dialog {
        case .note?: return "Note: "
        case .specify?: return "Specify: "
        case .appointment(let form)?: return InterviewAppointmentForm.labels[form.focus] + ": "
        case .softCheck?: return "Enter/y keep · Esc/n change"
        case .leaveConfirm?: return "Leave? y/n"
        case .extraMissing?: return "Enter records it · Esc cancels"
        case .stopMenu?: return "Enter records the outcome · Esc cancels"
        case .jumpList?: return "Filter: "
        case .review?: return "Enter goes to the question · Esc closes"
        case .hardCheck?: return "Enter goes there · Esc changes this answer"
        case .resumed?: return "Enter continues to the question"
        case .help?: return "Any key closes help"
        case nil: break
        }
        guard let view else { return interview.isAtEndScreen ? "Enter to finish, F4 to go back" : "" }
        if controller.optionSearch(view) != nil { return "Find: " }
        switch view.question.kind {
        case .single: return "Code: "
        case .multiple: return "Tick code: "
        case .grid: return "Row \(controller.gridRow + 1) code: "
        case .integer(_, _, let unit), .decimal(_, _, _, let unit): return unit.map { "Number (\($0)): " } ?? "Number: "
        case .text: return "Answer: "
        case .date: return "Date: "
        case .statement: return "Enter to continue "
        }
    }

    static func footer(controller: InterviewController, interview: Interview, width: Int) -> String {
        let items: [String]
        switch controller.dialog {
        case .help?: items = ["PgUp/PgDn scroll", "any key closes"]
        case .softCheck?: items = ["Enter/y keep answer", "Esc/n change it"]
        case .jumpList?: items = ["type to filter", "↑↓ choose", "Enter jump", "Esc clear/cancel"]
        case .review?: items = ["↑↓ choose", "Enter go to it", "Esc close"]
        case .hardCheck?: items = ["↑↓ or number choose", "Enter go to it", "Esc change this answer"]
        case .resumed?: items = ["Enter continue"]
        case .note?, .specify?: items = ["Enter save", "Esc cancel"]
        case .appointment?: items = ["Tab/Enter next field", "Enter on note saves", "Esc cancel"]
        case .extraMissing?: items = ["↑↓ or number choose", "Enter record", "Esc cancel"]
        case .stopMenu?: items = ["↑↓ or 1-2 choose", "Enter record & close", "Esc cancel"]
        case .leaveConfirm?: items = ["y leave (saved)", "n stay"]
        case nil:
            if interview.isAtEndScreen {
                items = ["Enter finish", "F4 back", "F5 jump", "F6 note", "F1 help"]
            } else {
                items = InterviewKeyGuide.footerPriority
            }
        }
        var text = ""
        for item in items {
            let candidate = text.isEmpty ? " " + item : text + "  " + item
            if DisplayWidth.of(candidate) > width { break }
            text = candidate
        }
        return TextLayout.pad(text, toWidth: width)
    }
}

/// Body lines collected before they are placed, so the screen can scroll them.
struct InterviewBody {
    let width: Int
    private(set) var lines: [[Span]] = []

    init(width: Int) { self.width = width }

    mutating func line(_ spans: [Span]) {
        // Rows wider than the screen wrap rather than being clipped.
        let text = spans.map { TerminalSafe.text($0.text) }.joined()
        if DisplayWidth.of(text) <= width { lines.append(spans); return }
        prefixed(text, style: spans.first?.style ?? .normal, prefix: "", prefixStyle: .normal)
    }

    mutating func blank() {
        if let last = lines.last, !last.isEmpty { lines.append([]) }
    }

    mutating func paragraph(_ text: String, style: Style) {
        prefixed(text, style: style, prefix: "", prefixStyle: style)
    }

    mutating func instruction(_ text: String) {
        prefixed(text, style: .instruction, prefix: FrameBuilder.instructionPrefix, prefixStyle: .instruction)
    }

    /// `prefix` then the text wrapped to the width, continuation lines under the text.
    mutating func prefixed(_ text: String, style: Style, prefix: String, prefixStyle: Style) {
        let safePrefix = TerminalSafe.text(prefix)
        var prefixWidth = DisplayWidth.of(safePrefix)
        if prefixWidth > width / 2 { prefixWidth = 0 }
        let hanging = String(repeating: " ", count: prefixWidth)
        var first = true
        for paragraph in TerminalSafe.lines(text) {
            var wrapped = TextLayout.wrap(paragraph, width: max(1, width - prefixWidth))
            if prefixWidth == 0 && !safePrefix.isEmpty && first {
                // A prefix too wide for a hanging indent gets its own line.
                lines.append([Span(TextLayout.clip(safePrefix, width: width), prefixStyle)])
                first = false
            }
            if wrapped.isEmpty { wrapped = [""] }
            for piece in wrapped {
                var spans: [Span] = []
                if prefixWidth > 0 { spans.append(first ? Span(safePrefix, prefixStyle) : Span(hanging, .normal)) }
                if !piece.isEmpty { spans.append(Span(piece, style)) }
                lines.append(spans)
                first = false
            }
        }
    }
}
