import ArgumentParser
import FieldworkScreen
import FieldworkTerminal
import Foundation

/// `fieldwork-testkit terminal-demo`: a screen that exercises the terminal toolkit end to end
/// (styles, wrapping, the line editor, resizing, the too-small guard, clean shutdown). The
/// end-to-end tests drive it through tmux.
struct TerminalDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terminal-demo",
        abstract: "Show a demonstration screen for the terminal toolkit (for testing)."
    )

    @Option(name: .customLong("exit-report"), help: "Write why the demo stopped (user, hangup, terminate, interrupt) to this file.")
    var exitReportPath: String?

    func run() throws {
        let terminal = Terminal()
        do {
            try terminal.start()
        } catch {
            throw ValidationError(error.message)
        }
        var state = TerminalDemoScreen()
        var reason = "user"
        terminal.present { state.compose(size: $0) }
        loop: while true {
            guard let key = terminal.readKey() else { continue }
            switch key {
            case .hangup:
                reason = "hangup"
                break loop
            case .terminate:
                reason = "terminate"
                break loop
            case .interrupt:
                reason = "interrupt"
                break loop
            case .function(10), .ctrl("x"):
                break loop
            default:
                state.handle(key)
            }
            terminal.present { state.compose(size: $0) }
        }
        terminal.stop()
        if let exitReportPath {
            let report = "\(reason)\n" + state.entries.map { "entry: \($0)\n" }.joined()
            try report.write(toFile: exitReportPath, atomically: true, encoding: .utf8)
        }
    }
}

/// The demo's state and layout, kept apart from the terminal so it is plain value code.
struct TerminalDemoScreen {
    var editor = LineEditor(maxLength: 120)
    var entries: [String] = []
    var lastKey = "none"

    mutating func handle(_ key: Key) {
        switch key {
        case .enter:
            if !editor.isEmpty {
                entries.append(editor.text)
                editor.killLine()
            }
        case .resize:
            break
        default:
            editor.apply(key)
        }
        if key != .resize { lastKey = String(describing: key) }
    }

    func compose(size: ScreenSize) -> ScreenFrame {
        var builder = FrameBuilder(size: size)
        builder.bar(" Fieldwork terminal demo", right: "\(size) ")
        builder.blank()
        builder.prefixed(
            "Good morning. I'm calling from the Business Attitudes Survey on behalf of the Mayor of London. Could I speak to the person responsible for employment decisions at your business?",
            style: .readAloud, first: "Q1. ", prefixStyle: .heading)
        builder.instruction("Interviewer: wait for the respondent to confirm before going on. Do not read out this line.")
        builder.blank()
        builder.paragraph(
            "This paragraph is deliberately long so that it has to wrap across several lines at eighty columns: every word must stay visible, none may be cut at the edge, and narrower windows simply give it more lines. Prices such as £1,250 and names such as Zoë, Müller and 東京 keep their widths.",
            style: .normal)
        builder.blank()
        let label = "Type: "
        let field = editor.visibleSlice(width: max(1, size.width - DisplayWidth.of(label) - 1))
        let inputRow = builder.nextRow
        builder.line([Span(label, .heading), Span(field.text, .input)])
        builder.placeCursor(row: inputRow, column: DisplayWidth.of(label) + field.cursorColumn)
        builder.line([Span("Size: \(size)   Characters: \(editor.count)   Last key: \(lastKey)", .dim)])
        builder.line("Entered (\(entries.count)):", .heading)
        let room = builder.remainingRows
        let shown = entries.suffix(max(0, room))
        let skipped = entries.count - shown.count
        for (offset, entry) in shown.enumerated() {
            builder.line([Span("  \(skipped + offset + 1). ", .dim), Span(entry, .normal)])
        }
        builder.footer(" Enter add · ←→ Home End edit · Ctrl-K/U/W kill · F10/Ctrl-X exit")
        return builder.build()
    }
}
