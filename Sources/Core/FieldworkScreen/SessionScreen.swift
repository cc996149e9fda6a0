import FieldworkBasics
/// Composes the session's screens: the case screen (the number to dial, who to ask for, why the
/// case is up now, its history and the outcome menu) and the "no cases to call" screen. Pure
/// functions of their inputs and the window size; every piece of sample text passes through
/// `TerminalSafe` (via `TextLayout.fit` and `FrameBuilder`), so a business name cannot drive the terminal.
public enum SessionScreen {
    /// Columns one menu cell takes: key, space, label.
    static let menuCellWidth = 26

    // MARK: Case screen

    public static func compose(view: SessionCaseView, controller: SessionCaseController,
                               context: SessionScreenContext, size: ScreenSize) -> ScreenFrame {
        let width = max(1, size.width)
        // The message (what was recorded, or a problem) takes up to two rows so its times show whole.
        let messageLines = controller.message.map { messageRows($0, width: width) } ?? []
        var builder = FrameBuilder(size: size, reservedBottomRows: 2 + max(1, messageLines.count))
        builder.line(TextLayout.fit([Span(FrameBuilder.barText(" Fieldwork session · Interviewer \(context.interviewerID)",
                                                                right: "Case \(view.caseID) · \(context.clock) ", width: width), .reverse)],
                                    width: width))
        builder.line(TextLayout.fit([Span("DIAL  ", .heading), Span(" \(view.phone) ", .alert)], width: width))
        builder.line(TextLayout.fit([Span(view.businessName, .heading)], width: width))
        var who: [String] = []
        if !view.contactName.isEmpty { who.append("Ask for: \(view.contactName)") }
        who += view.details.filter { !$0.value.isEmpty }.map { "\($0.label): \($0.value)" }
        if !who.isEmpty { builder.paragraph(who.joined(separator: " · ")) }
        // Why the case is up and the appointment wrap rather than clip: their times must show.
        let reasonStyle: Style = view.isAppointment ? .warning : .instruction
        builder.prefixed(view.reason, style: reasonStyle, first: FrameBuilder.instructionPrefix, prefixStyle: reasonStyle)
        if let appointment = view.appointment {
            builder.prefixed(appointment, style: .normal, first: "Appointment: ", prefixStyle: .dim)
        }
        if let partial = view.partialInterview {
            builder.prefixed(partial, style: .warning, first: FrameBuilder.instructionPrefix, prefixStyle: .warning)
        }

        let body = bodyLines(controller: controller, view: view, width: width)
        // History gets what the header and the menu leave.
        let historyRoom = max(1, builder.remainingRows - body.count - 2)
        builder.blank()
        for line in historyLines(view.history, room: historyRoom, width: width) { builder.line(line) }
        builder.blank()
        for line in body { builder.line(line) }
        var frame = builder.build()

        // Bottom block: message, note line, footer.
        let height = size.height
        for (index, line) in messageLines.enumerated() {
            frame.set(row: height - 2 - messageLines.count + index, line)
        }
        let noteLabel = "Note: "
        let fieldWidth = max(1, width - noteLabel.count - 1)
        let slice = controller.note.visibleSlice(width: fieldWidth)
        let editing = controller.mode == .editingNote
        frame.set(row: height - 2, TextLayout.fit([Span(noteLabel, .dim), Span(slice.text.isEmpty && !editing ? "(none — Tab to type one)" : slice.text,
                                                                              editing ? .input : .normal)], width: width))
        frame.set(row: height - 1, [Span(FrameBuilder.barText(footer(for: controller.mode), right: "", width: width), .reverse)])
        switch controller.mode {
        case .editingNote:
            frame.cursor = ScreenPosition(row: height - 2, column: noteLabel.count + slice.cursorColumn)
        case .appointment(let form):
            frame.cursor = formCursor(form, frame: frame, width: width)
        default:
            frame.cursor = nil
        }
        return frame
    }

    /// A message wrapped to at most two rows; a longer one is cut at the end of the second row.
    static func messageRows(_ message: SessionMessage, width: Int) -> [[Span]] {
        let style: Style = message.isProblem ? .alert : .warning
        let wrapped = TextLayout.wrap(TerminalSafe.text(message.text), width: width)
        guard wrapped.count > 2 else { return wrapped.map { [Span($0, style)] } }
        return [[Span(wrapped[0], style)], TextLayout.fit([Span(wrapped[1...].joined(separator: " "), style)], width: width)]
    }

    /// The text of the key footer for each mode.
    static func footer(for mode: SessionCaseMode) -> String {
        switch mode {
        case .menu: return " Key: record outcome · Tab note · ^C end session"
        case .editingNote: return " Type the note · Enter or Tab done"
        case .confirmOutcome: return " Enter/y record · Esc/n cancel"
        case .appointment: return " Tab/↓ next field · ↑ back · Space hard/soft · Enter on Note saves · Esc cancel"
        case .refusalKind: return " s soft refusal · h hard refusal · Esc choose another outcome"
        case .confirmEnd: return " y end session (case goes back to the pool) · n stay"
        }
    }

    /// The lower body: the menu, or the prompt/form the mode needs.
    static func bodyLines(controller: SessionCaseController, view: SessionCaseView, width: Int) -> [[Span]] {
        switch controller.mode {
        case .menu, .editingNote:
            return menuLines(controller.menu, width: width)
        case .confirmOutcome(let entry):
            return [[Span("Record “\(entry.label)” for case \(view.caseID)?", .alert)],
                    [Span("Enter or y: record it and move on · Esc or n: back to the menu", .instruction)]]
                .map { TextLayout.fit($0, width: width) }
        case .refusalKind:
            return [[Span("The interview was stopped as a refusal. Which kind?", .alert)],
                    [Span("s  soft refusal — may be called again to convert", .normal)],
                    [Span("h  hard refusal — never call again", .normal)]]
                .map { TextLayout.fit($0, width: width) }
        case .confirmEnd:
            return [[Span("End the session? This case goes back to the pool without a call recorded.", .alert)],
                    [Span("y  end session · n  stay on this case", .normal)]]
                .map { TextLayout.fit($0, width: width) }
        case .appointment(let form):
            var lines: [[Span]] = [[Span(form.purpose == .resumeInterview ? "Appointment to resume the interview" : "Book an appointment", .heading)]]
            for (index, label) in SessionAppointmentForm.labels.enumerated() {
                let marker = index == form.focus ? "› " : "  "
                lines.append([Span(marker + TextLayout.pad(label, toWidth: 19), index == form.focus ? .emphasis : .normal),
                              Span(form.display(index), .input)])
            }
            // The reason wraps: it names the calling hours, closing time included.
            if let error = form.error {
                lines += TextLayout.wrap(TerminalSafe.text(error), width: width).map { [Span($0, .alert)] }
            }
            return lines.map { TextLayout.fit($0, width: width) }
        }
    }

    /// Menu entries laid out in columns, read down then across.
    static func menuLines(_ menu: [SessionMenuEntry], width: Int) -> [[Span]] {
        guard !menu.isEmpty else { return [] }
        let columns = max(1, min(menu.count, width / menuCellWidth))
        let rows = (menu.count + columns - 1) / columns
        var lines: [[Span]] = [[Span("Call outcome — press its key:", .heading)]]
        for row in 0..<rows {
            var spans: [Span] = []
            for column in 0..<columns {
                let index = column * rows + row
                guard index < menu.count else { continue }
                let entry = menu[index]
                let label = TextLayout.clip(TerminalSafe.text(entry.label), width: menuCellWidth - 4)
                spans.append(Span(" \(entry.key) ", .reverse))
                spans.append(Span(" " + (column == columns - 1 ? label : TextLayout.pad(label, toWidth: menuCellWidth - 4)), .normal))
            }
            lines.append(TextLayout.fit(spans, width: width))
        }
        return lines
    }

    /// The history block: a heading and the latest calls that fit, with a count of older ones.
    static func historyLines(_ history: [SessionHistoryEntry], room: Int, width: Int) -> [[Span]] {
        guard !history.isEmpty else { return [[Span("History: never called before", .dim)]] }
        var lines: [[Span]] = [[Span("History: \(history.count) earlier call\(history.count == 1 ? "" : "s")", .heading)]]
        let shown = max(0, min(history.count, room - 1 - (history.count > room - 1 ? 1 : 0)))
        let hidden = history.count - shown
        if hidden > 0 { lines.append([Span("  … \(hidden) older call\(hidden == 1 ? "" : "s") not shown", .dim)]) }
        for entry in history.suffix(shown) {
            var spans = [Span("  \(entry.at)  ", .dim), Span(TextLayout.pad(entry.interviewer, toWidth: 6) + "  ", .normal),
                         Span(entry.outcome, .emphasis)]
            if !entry.note.isEmpty { spans.append(Span(" — " + entry.note, .normal)) }
            lines.append(TextLayout.fit(spans, width: width))
        }
        return lines
    }

    private static func formCursor(_ form: SessionAppointmentForm, frame: ScreenFrame, width: Int) -> ScreenPosition? {
        guard form.focus != SessionAppointmentForm.kindField else { return nil }
        let label = SessionAppointmentForm.labels[form.focus]
        let prefix = "› " + TextLayout.pad(label, toWidth: 19)
        guard let row = frame.rows.firstIndex(where: { $0.plainText.hasPrefix(prefix) }) else { return nil }
        let editor = form.focus == 0 ? form.date : form.focus == 1 ? form.time : form.note
        let column = DisplayWidth.of(prefix) + DisplayWidth.of(String(editor.characters[..<editor.cursor]))
        return column < width ? ScreenPosition(row: row, column: column) : nil
    }

    // MARK: Waiting screen

    /// "No cases to call right now", with the open counts, the next appointment and the keys.
    public static func composeWaiting(_ view: SessionWaitingView, context: SessionScreenContext, size: ScreenSize) -> ScreenFrame {
        let width = max(1, size.width)
        var builder = FrameBuilder(size: size, reservedBottomRows: 1)
        builder.line([Span(FrameBuilder.barText(" Fieldwork session · Interviewer \(context.interviewerID)",
                                                right: context.clock + " ", width: width), .reverse)])
        builder.blank()
        if let message = view.message {
            builder.paragraph(message.text, style: message.isProblem ? .alert : .warning)
            builder.blank()
        }
        builder.line("No cases to call right now", .heading)
        builder.blank()
        builder.instruction("Every case is finished, booked for later, waiting for its retry gap, or being called by someone else.")
        builder.blank()
        if !view.counts.isEmpty {
            builder.paragraph("Open cases: " + view.counts.map { "\($0.label) \($0.value)" }.joined(separator: " · "))
        }
        builder.prefixed(view.nextAppointment ?? "none booked", style: .normal, first: "Next appointment: ", prefixStyle: .dim)
        builder.line(TextLayout.fit([Span("Last checked \(view.checkedAt); checking again every \(view.pollSeconds) s.", .dim)], width: width))
        builder.footer(" r check now · p break · q end session")
        return builder.build()
    }

    /// A short full-screen notice (e.g. "Finding the next case…").
    public static func composeNotice(_ text: String, context: SessionScreenContext, size: ScreenSize) -> ScreenFrame {
        let width = max(1, size.width)
        var builder = FrameBuilder(size: size, reservedBottomRows: 1)
        builder.line([Span(FrameBuilder.barText(" Fieldwork session · Interviewer \(context.interviewerID)",
                                                right: context.clock + " ", width: width), .reverse)])
        builder.blank()
        builder.paragraph(text, style: .heading)
        return builder.build()
    }
}
