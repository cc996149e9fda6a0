import FieldworkBasics
import FieldworkEngine
import FieldworkModel

/// The interview screen's own state — what is typed, toggled, scrolled and which dialog is open —
/// and the key handling that turns keys into `InterviewIntent`s.
///
/// It is a plain value with no I/O: the shell feeds it keys, carries out the intents (journalling
/// through the recorder), and reports results back. All routing and validation stay in the engine;
/// this type only reads input shapes and shows what the engine says.
public struct InterviewController: Sendable {
    /// The answer line.
    public var editor = LineEditor(maxLength: 60)
    /// Multiple choice: codes switched on, in code-frame order.
    public var toggled: [Int] = []
    /// "Please specify" texts for toggled or chosen options, by code.
    public var specifyTexts: [Int: String] = [:]
    /// Grid: the response per item so far, and the item being answered.
    public var gridCells: [Response?] = []
    public var gridRow = 0
    public var message: InterviewMessage?
    public var dialog: InterviewDialog?
    /// The zone an appointment typed in the suspend dialog is made in: the survey's, set by the
    /// shell from the scheduling rules.
    public var appointmentTimeZoneID = "Europe/London"
    /// First body line shown; clamped by the composer, whose last `scrollLimit` is kept here.
    public var scroll = 0
    public var scrollLimit = 0
    /// Body rows on screen at the last composition (for page-wise scrolling).
    public var pageHeight = 10
    /// The question the input belongs to (address and path position); nil at the end screen.
    public private(set) var inputOwner: InputOwner?
    /// True while the answer line holds an entry that was just refused: it stays on screen so the
    /// interviewer sees what was wrong, and the next typed character starts a fresh entry (editing
    /// keys such as Backspace edit it instead).
    public private(set) var entryRejected = false
    /// The progress estimate's remembered maximum (see `noteProgress`).
    public private(set) var expectedTotal = 0
    /// The option the interviewer highlighted with ↑ ↓ in a search of the code frame; nil: the
    /// search's best match (see `InterviewOptionSearch`).
    public private(set) var searchHighlight: Int?

    public struct InputOwner: Sendable, Hashable {
        public var address: QuestionAddress
        public var position: Int
    }

    public init() {}

    // MARK: Following the engine

    /// Resets the input when the engine has moved to another question (answer, back, jump,
    /// resume). Returns true when a new question is now on screen, so the shell records `shown`.
    @discardableResult
    public mutating func sync(with interview: Interview) -> Bool {
        noteProgress(interview)
        guard let view = interview.currentView() else {
            let changed = inputOwner != nil
            if changed || interview.isAtEndScreen { resetInput(maxLength: 60) }
            inputOwner = nil
            return changed
        }
        let owner = InputOwner(address: view.address, position: view.position)
        guard owner != inputOwner else { return false }
        inputOwner = owner
        switch view.question.kind {
        case .text(let maxLength): resetInput(maxLength: maxLength)
        default: resetInput(maxLength: 60)
        }
        let shown = view.currentAnswer ?? view.previousAnswer
        if case .multiple = view.question.kind, case .choices(let codes, let specify)? = shown {
            toggled = codes
            specifyTexts = specify
        }
        if case .grid(let items) = view.question.kind {
            gridCells = Array(repeating: nil, count: items.count)
            if case .grid(let cells)? = shown {
                for (index, cell) in cells.enumerated() where index < gridCells.count { gridCells[index] = cell }
            }
            gridRow = gridCells.firstIndex(where: { $0 == nil }) ?? 0
        }
        return true
    }

    /// Keeps the expected number of questions on the path: the routing's estimate of the rest of
    /// the path (loop passes included), never lower than an earlier estimate, so the total does not
    /// shrink while the interviewer answers forward or goes back.
    public mutating func noteProgress(_ interview: Interview) {
        expectedTotal = max(expectedTotal, interview.expectedPathLength)
    }

    private mutating func resetInput(maxLength: Int) {
        entryRejected = false
        searchHighlight = nil
        editor = LineEditor(maxLength: maxLength)
        toggled = []
        specifyTexts = [:]
        gridCells = []
        gridRow = 0
        scroll = 0
        dialog = nil
    }

    /// Takes what the shell did with the last `.perform` into account.
    public mutating func finished(_ command: FieldworkEngine.InterviewCommand, result: InterviewPerformResult, interview: Interview) {
        switch result {
        case .recorded(let leftPath):
            dialog = nil
            if !leftPath.isEmpty {
                let names = leftPath.map(\.description)
                let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? " …" : "")
                message = InterviewMessage("\(names.count) later answer\(names.count == 1 ? "" : "s") left the path: \(shown) (kept, flagged off-path)", style: .warning)
            } else if case .note = command {
                message = InterviewMessage("Note saved.", style: .dim)
            } else if case .chooseLanguage(let language) = command {
                message = InterviewMessage("Language: \(language). Texts, options and messages now show in \(language).", style: .dim)
            } else {
                message = nil
            }
            sync(with: interview)
        case .rejected(let rejection):
            switch rejection {
            case .softCheck(let failures):
                if case .answer(let response, let confirming) = command {
                    dialog = .softCheck(failures: failures, response: response, alreadyConfirmed: confirming)
                    message = nil
                } else {
                    message = InterviewMessage(rejection.description, style: .warning)
                }
            case .hardCheck(let failures):
                message = InterviewMessage(failures.map(\.message).joined(separator: " "), style: .alert)
                entryRejected = isAnswer(command) && !editor.isEmpty
                // A check that reads other answers opens a box from which they can be reached.
                let others = isAnswer(command) ? interview.questionsRead(byChecks: failures.map(\.id)) : []
                dialog = others.isEmpty ? nil : .hardCheck(failures: failures, others: others, selection: 0)
            case .invalid(let reason), .notAllowed(let reason):
                dialog = nil
                message = InterviewMessage(reason, style: .alert)
                entryRejected = isAnswer(command) && !editor.isEmpty
            }
        case .failed(let reason):
            dialog = nil
            message = InterviewMessage("NOT SAVED: \(reason). Your input is kept; press Enter to try again or call your supervisor.", style: .alert)
        }
    }

    private func isAnswer(_ command: FieldworkEngine.InterviewCommand) -> Bool {
        if case .answer = command { return true }
        return false
    }

    /// Reports an error from something other than a command (for example recording paradata).
    public mutating func showError(_ text: String) {
        message = InterviewMessage(text, style: .alert)
    }

    /// Case management refused the appointment (in the past, outside calling hours, …): the form
    /// comes back as typed, with the reason, on the time field.
    public mutating func refuseAppointment(_ appointment: Appointment, note: String, reason: String) {
        var form = InterviewAppointmentForm()
        form.fields[0].setText(appointment.start.dateText)
        form.fields[1].setText(appointment.start.timeText)
        form.fields[2].setText(note)
        form.error = reason
        form.focus = 1
        dialog = .appointment(form)
    }

    // MARK: Keys

    /// Handles one key; the returned intent says what the shell must do next.
    public mutating func handle(_ key: Key, interview: Interview) -> InterviewIntent {
        if key.isShutdownRequest { return .shutdown(key) }
        if key == .resize { return .none }
        if dialog != nil { return handleDialog(key, interview: interview) }
        if let intent = handleCommon(key, interview: interview) { return intent }
        if interview.isAtEndScreen {
            if key == .enter { return .finish }
            return .none
        }
        guard let view = interview.currentView() else { return .none }
        if let intent = handleSearch(key, view: view) { return intent }
        switch key {
        case .function(2), .ctrl("d"):
            return missing(.dontKnow, view: view)
        case .function(3), .ctrl("r"):
            return missing(.refused, view: view)
        case .character("*") where editor.isEmpty || entryRejected:
            return chooseExtraMissing(view: view, interview: interview)
        case .up:
            if case .grid = view.question.kind { moveGridRow(by: -1) } else { scrollBy(-1) }
            return .none
        case .down:
            if case .grid = view.question.kind { moveGridRow(by: 1) } else { scrollBy(1) }
            return .none
        case .enter:
            return submit(view: view)
        case .character(" ") where isMultiple(view) && !editor.text.stripping(" ").isEmpty && !InterviewOptionSearch.isQuery(editor.text):
            return toggleTyped(view: view)
        default:
            if entryRejected, case .character = key { editor.killLine() }
            let outcome = editor.apply(key)
            if outcome != .notHandled { entryRejected = false }
            if outcome == .edited { searchHighlight = nil }
            return .none
        }
    }

    /// The search of the current question's options, when the answer line holds one.
    public func optionSearch(_ view: QuestionView) -> InterviewOptionSearch? {
        switch view.question.kind {
        case .single, .multiple:
            guard InterviewOptionSearch.isQuery(editor.text) else { return nil }
            return InterviewOptionSearch(query: editor.text, options: view.options, preferred: searchHighlight)
        default:
            return nil
        }
    }

    /// Keys that act on a search of the options: ↑ ↓ move the highlight among the matches; Esc
    /// empties the answer line (the whole list shows again). Nil: not a search key here.
    private mutating func handleSearch(_ key: Key, view: QuestionView) -> InterviewIntent? {
        switch view.question.kind {
        case .single, .multiple: break
        default: return nil
        }
        switch key {
        case .escape:
            guard !editor.isEmpty else { return nil }
            editor.killLine()
            entryRejected = false
            searchHighlight = nil
            message = nil
            return InterviewIntent.none
        case .up, .down:
            guard let search = optionSearch(view), !search.matches.isEmpty else { return nil }
            searchHighlight = search.moved(by: key == .up ? -1 : 1)
            return InterviewIntent.none
        default:
            return nil
        }
    }

    /// Shows why the typed entry was refused; the entry stays until the next typed character.
    private mutating func refuseEntry(_ text: String) {
        message = InterviewMessage(text, style: .alert)
        entryRejected = true
    }

    /// Keys that work on every screen, question or end screen alike.
    private mutating func handleCommon(_ key: Key, interview: Interview) -> InterviewIntent? {
        switch key {
        case .function(1):
            dialog = .help
        case .character("?") where editor.isEmpty:
            dialog = .help
        case .function(4), .ctrl("b"):
            return .perform(.back)
        case .function(5), .ctrl("g"):
            let list = InterviewJumpList(interview: interview)
            guard !list.entries.isEmpty else {
                message = InterviewMessage("No answered questions to jump to yet.", style: .warning)
                return InterviewIntent.none
            }
            let current = inputOwner?.position ?? Int.max
            let selection = list.entries.lastIndex(where: { $0.position < current }) ?? list.entries.count - 1
            dialog = .jumpList(selection: selection, filter: LineEditor(maxLength: 40))
        case .function(10), .ctrl("f"):
            return firstUnanswered(interview: interview)
        case .function(11), .ctrl("o"):
            let review = InterviewReview(interview: interview)
            guard !review.entries.isEmpty else {
                message = InterviewMessage("No questions reached yet in this section.", style: .warning)
                return InterviewIntent.none
            }
            dialog = .review(selection: review.currentIndex ?? review.entries.count - 1)
        case .function(6), .ctrl("n"):
            dialog = .note(LineEditor(maxLength: 500))
        case .function(7), .ctrl("p"):
            dialog = .appointment(InterviewAppointmentForm())
        case .function(8), .ctrl("e"):
            dialog = .stopMenu(selection: 0)
        case .function(9), .ctrl("l"):
            return switchLanguage(interview: interview)
        case .ctrl("c"):
            dialog = .leaveConfirm
        case .pageUp:
            scrollBy(-max(1, pageHeight - 1))
        case .pageDown:
            scrollBy(max(1, pageHeight - 1))
        default:
            return nil
        }
        return InterviewIntent.none
    }

    /// Goes to the first question on the path without an answer (the one the interview stopped at,
    /// after going back or jumping); says so when that is the question on screen, or when every
    /// question reached is answered.
    private mutating func firstUnanswered(interview: Interview) -> InterviewIntent {
        let state = interview.state
        guard let index = state.path.indices.first(where: { state.answers[state.path[$0].key]?.status != .active }) else {
            message = InterviewMessage("Every question reached so far is answered.", style: .warning)
            return .none
        }
        if index == state.cursor && interview.currentKey != nil {
            message = InterviewMessage("This is the first unanswered question.", style: .dim)
            return .none
        }
        return .perform(.jump(interview.address(of: state.path[index].key)))
    }

    /// Shows the re-introduction of a resumed interview before its first question.
    public mutating func showResumeIntroduction(_ summary: InterviewResumeSummary) {
        dialog = .resumed(summary)
    }

    /// The next of the questionnaire's languages, in the order it lists them (after the last, the
    /// first again); with one language, says so.
    private mutating func switchLanguage(interview: Interview) -> InterviewIntent {
        let languages = interview.instrument.questionnaire.languages
        guard languages.count > 1 else {
            message = InterviewMessage("This questionnaire has one language (\(interview.language)); there is no other to switch to.", style: .warning)
            return .none
        }
        let next = languages[((languages.firstIndex(of: interview.language) ?? -1) + 1) % languages.count]
        return .perform(.chooseLanguage(next))
    }

    private mutating func scrollBy(_ delta: Int) {
        scroll = min(max(0, scroll + delta), max(0, scrollLimit))
    }

    private func isMultiple(_ view: QuestionView) -> Bool {
        if case .multiple = view.question.kind { return true }
        return false
    }

    private mutating func missing(_ response: Response, view: QuestionView) -> InterviewIntent {
        if case .grid = view.question.kind, gridRow < gridCells.count {
            gridCells[gridRow] = response
            editor.killLine()
            return advanceGrid()
        }
        return .perform(.answer(response))
    }

    /// `*` on an empty answer line: the chooser of the question's extra missing codes. A question
    /// that allows none says so, except a text question, where `*` is typed like any character.
    private mutating func chooseExtraMissing(view: QuestionView, interview: Interview) -> InterviewIntent {
        guard !InterviewMissingChoices(view, interview: interview).isEmpty else {
            if case .text = view.question.kind {
                if entryRejected { editor.killLine(); entryRejected = false }
                editor.apply(.character("*"))
                return .none
            }
            message = InterviewMessage("This question has no other non-answer codes: * works only where the hint under the question lists them. F2 don't know, F3 refused.", style: .warning)
            return .none
        }
        if entryRejected { editor.killLine(); entryRejected = false }
        message = nil
        dialog = .extraMissing(selection: 0)
        return .none
    }

    // MARK: Submitting

    private mutating func submit(view: QuestionView) -> InterviewIntent {
        let typed = editor.text.stripping(" ")
        let onRecord = view.currentAnswer ?? view.previousAnswer
        switch view.question.kind {
        case .statement:
            return .perform(.answer(.seen))
        case .single:
            if typed.isEmpty {
                if let onRecord { return .perform(.answer(onRecord)) }
                message = InterviewMessage("Type the code of the answer, then Enter.", style: .warning)
                return .none
            }
            let code: Int
            if InterviewOptionSearch.isQuery(typed) {
                guard let found = searchedCode(view) else { return .none }
                code = found
            } else {
                guard let parsed = InterviewAnswerParser.code(typed).flatMap(OptionNumbering(view).code(forNumber:)) else {
                    refuseEntry("\"\(typed)\" is not a code: type the number shown next to the answer, or letters of its name.")
                    return .none
                }
                code = parsed
            }
            if view.options.first(where: { $0.code == code })?.takesSpecify == true {
                dialog = .specify(code: code, editor: LineEditor(text: specifyTexts[code] ?? "", maxLength: 200), multiple: false)
                return .none
            }
            return .perform(.answer(.choice(code, specify: nil)))
        case .multiple:
            if !typed.isEmpty { return toggleTyped(view: view) }
            if toggled.isEmpty {
                if let onRecord { return .perform(.answer(onRecord)) }
                message = InterviewMessage("Type a code and Enter (or Space) to tick it; Enter on an empty line accepts the ticked answers.", style: .warning)
                return .none
            }
            let specify = specifyTexts.filter { toggled.contains($0.key) }
            return .perform(.answer(.choices(toggled, specify: specify)))
        case .grid:
            if !typed.isEmpty {
                guard let code = InterviewAnswerParser.code(typed).flatMap(OptionNumbering(view).code(forNumber:)) else {
                    refuseEntry("\"\(typed)\" is not a code: type the number of the answer for this row.")
                    return .none
                }
                if gridRow < gridCells.count { gridCells[gridRow] = .choice(code, specify: nil) }
                editor.killLine()
                return advanceGrid()
            }
            let missingRows = gridCells.filter { $0 == nil }.count
            if missingRows == 0 && !gridCells.isEmpty { return .perform(.answer(.grid(gridCells.compactMap { $0 }))) }
            message = InterviewMessage("\(missingRows) row\(missingRows == 1 ? "" : "s") still need an answer: type its code and Enter.", style: .warning)
            return .none
        case .integer, .decimal, .date, .text:
            if typed.isEmpty, let onRecord { return .perform(.answer(onRecord)) }
            switch InterviewAnswerParser.response(typed, kind: view.question.kind) {
            case .success(let response): return .perform(.answer(response))
            case .failure(let error):
                refuseEntry(error.message)
                return .none
            }
        }
    }

    /// The highlighted option of the search on the answer line; nil (and the entry refused, so
    /// Backspace can change it) when nothing matches.
    private mutating func searchedCode(_ view: QuestionView) -> Int? {
        guard let search = optionSearch(view), let code = search.highlighted else {
            refuseEntry("No option matches \"\(editor.text.stripping(" "))\": Backspace to change the search, Esc to see the whole list.")
            return nil
        }
        return code
    }

    /// After a grid row is answered: go to the next unanswered row, or submit when all are done.
    private mutating func advanceGrid() -> InterviewIntent {
        if let next = gridCells.indices.first(where: { $0 > gridRow && gridCells[$0] == nil })
            ?? gridCells.indices.first(where: { gridCells[$0] == nil }) {
            gridRow = next
            message = nil
            return .none
        }
        return .perform(.answer(.grid(gridCells.compactMap { $0 })))
    }

    private mutating func moveGridRow(by delta: Int) {
        guard !gridCells.isEmpty else { return }
        gridRow = min(max(0, gridRow + delta), gridCells.count - 1)
    }

    /// Multiple choice: the typed code is switched on or off. An exclusive option ("none of
    /// these") clears the others, and any other option clears exclusive ones.
    private mutating func toggleTyped(view: QuestionView) -> InterviewIntent {
        let typed = editor.text.stripping(" ")
        let code: Int
        if InterviewOptionSearch.isQuery(typed) {
            guard let found = searchedCode(view) else { return .none }
            code = found
        } else {
            guard let parsed = InterviewAnswerParser.code(typed).flatMap(OptionNumbering(view).code(forNumber:)) else {
                refuseEntry("\"\(typed)\" is not one of the codes shown.")
                return .none
            }
            code = parsed
        }
        guard let option = view.options.first(where: { $0.code == code }) else {
            refuseEntry("\"\(typed)\" is not one of the codes shown.")
            return .none
        }
        editor.killLine()
        searchHighlight = nil
        message = nil
        if toggled.contains(code) {
            toggled.removeAll { $0 == code }
            specifyTexts[code] = nil
            return .none
        }
        if option.takesSpecify {
            dialog = .specify(code: code, editor: LineEditor(maxLength: 200), multiple: true)
            return .none
        }
        switchOn(code, view: view)
        return .none
    }

    private mutating func switchOn(_ code: Int, view: QuestionView) {
        let exclusive = Set(view.options.filter(\.exclusive).map(\.code))
        if exclusive.contains(code) {
            toggled = []
        } else {
            toggled.removeAll { exclusive.contains($0) }
        }
        let order = view.options.map(\.code)
        toggled = order.filter { toggled.contains($0) || $0 == code }
        specifyTexts = specifyTexts.filter { toggled.contains($0.key) }
    }

    // MARK: Dialogs

    private mutating func handleDialog(_ key: Key, interview: Interview) -> InterviewIntent {
        guard let current = dialog else { return .none }
        switch current {
        case .help:
            if key == .pageUp || key == .up { scrollBy(key == .up ? -1 : -max(1, pageHeight - 1)); return .none }
            if key == .pageDown || key == .down { scrollBy(key == .down ? 1 : max(1, pageHeight - 1)); return .none }
            dialog = nil
            scroll = 0
            return .none

        case .softCheck(let failures, let response, let already):
            switch key {
            case .enter, .character("y"), .character("Y"):
                return .perform(.answer(response, confirming: already.union(failures.map(\.id))))
            case .escape, .character("n"), .character("N"), .function(4), .ctrl("b"):
                dialog = nil
                message = InterviewMessage("Change the answer, or press Enter to see the check again.", style: .dim)
                return .none
            default:
                return .none
            }

        case .jumpList(let selection, var filter):
            let entries = InterviewJumpList(interview: interview).filtered(filter.text)
            let last = max(0, entries.count - 1)
            switch key {
            case .up: dialog = .jumpList(selection: max(0, selection - 1), filter: filter)
            case .down: dialog = .jumpList(selection: min(last, selection + 1), filter: filter)
            case .pageUp: dialog = .jumpList(selection: max(0, selection - max(1, pageHeight - 2)), filter: filter)
            case .pageDown: dialog = .jumpList(selection: min(last, selection + max(1, pageHeight - 2)), filter: filter)
            case .home: dialog = .jumpList(selection: 0, filter: filter)
            case .end: dialog = .jumpList(selection: last, filter: filter)
            case .enter:
                guard !entries.isEmpty else { return .none }
                let target = entries[min(max(0, selection), last)]
                return .perform(.jump(target.address))
            case .escape where !filter.isEmpty:
                dialog = .jumpList(selection: 0, filter: LineEditor(maxLength: 40))
            case .escape, .function(5), .ctrl("g"): dialog = nil
            default:
                // Typing filters the list; the first match is selected.
                if filter.apply(key) == .edited { dialog = .jumpList(selection: 0, filter: filter) }
            }
            return .none

        case .review(let selection):
            let entries = InterviewReview(interview: interview).entries
            guard !entries.isEmpty else { dialog = nil; return .none }
            let last = entries.count - 1
            switch key {
            case .up: dialog = .review(selection: max(0, selection - 1))
            case .down: dialog = .review(selection: min(last, selection + 1))
            case .pageUp: dialog = .review(selection: max(0, selection - max(1, pageHeight - 2)))
            case .pageDown: dialog = .review(selection: min(last, selection + max(1, pageHeight - 2)))
            case .home: dialog = .review(selection: 0)
            case .end: dialog = .review(selection: last)
            case .enter:
                let target = entries[min(max(0, selection), last)]
                if target.position == interview.state.cursor + 1 && interview.currentKey != nil { dialog = nil; return .none }
                return .perform(.jump(target.address))
            case .escape, .function(11), .ctrl("o"): dialog = nil
            default: break
            }
            return .none

        case .hardCheck(let failures, let others, let selection):
            switch key {
            case .up: dialog = .hardCheck(failures: failures, others: others, selection: max(0, selection - 1))
            case .down: dialog = .hardCheck(failures: failures, others: others, selection: min(others.count - 1, selection + 1))
            case .character(let c) where c.isASCIIDigit:
                if let n = Int(String(c)), n >= 1, n <= others.count {
                    return .perform(.jump(others[n - 1]))
                }
            case .enter:
                return .perform(.jump(others[min(max(0, selection), others.count - 1)]))
            case .escape, .function(4), .ctrl("b"), .character("n"), .character("N"):
                // Back to this question to change its answer; the check's message stays below.
                dialog = nil
            default: break
            }
            return .none

        case .resumed:
            switch key {
            case .enter, .escape, .character(" "):
                dialog = nil
            default: break
            }
            return .none

        case .note(var noteEditor):
            switch key {
            case .enter:
                let text = noteEditor.text.stripping(" ")
                guard !text.isEmpty else { dialog = nil; return .none }
                return .perform(.note(text))
            case .escape:
                dialog = nil
                return .none
            default:
                noteEditor.apply(key)
                dialog = .note(noteEditor)
                return .none
            }

        case .specify(let code, var specifyEditor, let multiple):
            switch key {
            case .enter:
                let text = specifyEditor.text.stripping(" ")
                guard !text.isEmpty else { return .none }
                dialog = nil
                if multiple {
                    guard let view = interview.currentView() else { return .none }
                    switchOn(code, view: view)
                    specifyTexts[code] = text
                    return .none
                }
                editor.killLine()
                return .perform(.answer(.choice(code, specify: text)))
            case .escape:
                dialog = nil
                return .none
            default:
                specifyEditor.apply(key)
                dialog = .specify(code: code, editor: specifyEditor, multiple: multiple)
                return .none
            }

        case .appointment(var form):
            switch key {
            case .escape:
                dialog = nil
                return .none
            case .tab, .down:
                form.focus = (form.focus + 1) % form.fields.count
            case .backTab, .up:
                form.focus = (form.focus + form.fields.count - 1) % form.fields.count
            case .enter:
                if form.focus < form.fields.count - 1 {
                    form.focus += 1
                } else {
                    switch AppointmentEntry.appointment(kind: .hard, date: form.fields[0].text, time: form.fields[1].text,
                                                        timeZoneID: appointmentTimeZoneID) {
                    case .success(let appointment):
                        return .suspend(appointment, note: form.fields[2].text.stripping(" "))
                    case .failure(let error):
                        form.error = error.message
                        form.focus = error.message.hasPrefix("appointment date") ? 0 : 1
                    }
                }
            default:
                form.fields[form.focus].apply(key)
            }
            dialog = .appointment(form)
            return .none

        case .extraMissing(let selection):
            guard let view = interview.currentView() else { dialog = nil; return .none }
            let choices = InterviewMissingChoices(view, interview: interview).choices
            guard !choices.isEmpty else { dialog = nil; return .none }
            let current = min(max(0, selection), choices.count - 1)
            switch key {
            case .up: dialog = .extraMissing(selection: max(0, current - 1))
            case .down: dialog = .extraMissing(selection: min(choices.count - 1, current + 1))
            case .home: dialog = .extraMissing(selection: 0)
            case .end: dialog = .extraMissing(selection: choices.count - 1)
            case .character(let c) where c.isASCIIDigit:
                if let n = Int(String(c)), n >= 1, n <= choices.count { dialog = .extraMissing(selection: n - 1) }
            case .enter:
                // A grid takes an extra code as a whole (its rows take only codes, don't know and
                // refused), so this answers the question rather than the current row.
                dialog = nil
                editor.killLine()
                return .perform(.answer(.missingCode(choices[current].name)))
            case .escape, .character("*"):
                dialog = nil
            default: break
            }
            return .none

        case .stopMenu(let selection):
            let count = InterviewStopOutcome.allCases.count
            switch key {
            case .up: dialog = .stopMenu(selection: max(0, selection - 1))
            case .down: dialog = .stopMenu(selection: min(count - 1, selection + 1))
            case .character(let c) where c.isASCIIDigit:
                if let n = Int(String(c)), n >= 1, n <= count { dialog = .stopMenu(selection: n - 1) }
            case .enter:
                return .stop(outcome: InterviewStopOutcome.allCases[selection].code)
            case .escape, .function(8), .ctrl("e"):
                dialog = nil
            default: break
            }
            return .none

        case .leaveConfirm:
            switch key {
            case .character("y"), .character("Y"):
                return .leave
            case .character("n"), .character("N"), .escape, .ctrl("c"):
                dialog = nil
            default: break
            }
            return .none
        }
    }
}
