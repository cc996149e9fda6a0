/// The interview keys in one place, so the footer, the help screen and the guide agree. Every
/// function key has a Ctrl alternative because terminals and ssh clients often swallow F-keys.
public enum InterviewKeyGuide {
    public struct Entry: Sendable, Hashable {
        /// Shown in the footer, e.g. "F2 DK".
        public var short: String
        /// The keys, e.g. "F2 / Ctrl-D".
        public var keys: String
        public var action: String
    }

    public static let help: [Entry] = [
        Entry(short: "Enter ok", keys: "Enter", action: "accept the answer (digits + Enter for a code; Enter alone keeps the answer shown)"),
        Entry(short: "", keys: "code + Space/Enter", action: "multiple choice: tick or untick a code; Enter on an empty line accepts"),
        Entry(short: "", keys: "↑ ↓", action: "grid: move between rows; elsewhere scroll one line"),
        Entry(short: "", keys: "PgUp / PgDn", action: "scroll long questions and lists"),
        Entry(short: "F1 help", keys: "F1 / ? (empty line)", action: "this help"),
        Entry(short: "F2 DK", keys: "F2 / Ctrl-D", action: "don't know (in a grid: for the current row)"),
        Entry(short: "F3 ref", keys: "F3 / Ctrl-R", action: "refused (in a grid: for the current row)"),
        Entry(short: "", keys: "* (empty line)", action: "another non-answer the question allows (\"too many to count\" …): choose it (↑ ↓ or number, Enter); listed in the hint under the question"),
        Entry(short: "F4 back", keys: "F4 / Ctrl-B", action: "back to the previous question"),
        Entry(short: "F5 jump", keys: "F5 / Ctrl-G", action: "jump to an answered question: type to filter, ↑ ↓, Enter"),
        Entry(short: "F6 note", keys: "F6 / Ctrl-N", action: "write a note on this question"),
        Entry(short: "F7 appt", keys: "F7 / Ctrl-P", action: "suspend with an appointment (date, time, note) and close"),
        Entry(short: "F8 stop", keys: "F8 / Ctrl-E", action: "stop the interview: refusal or break-off"),
        Entry(short: "F9 lang", keys: "F9 / Ctrl-L", action: "switch the interview to the questionnaire's next language (recorded); with one language, says so"),
        Entry(short: "", keys: "letters (choice)", action: "search a list of options by name: ↑ ↓ choose among the matches, Enter picks the one marked », Esc shows the whole list; digits still type a code"),
        Entry(short: "F10 first", keys: "F10 / Ctrl-F", action: "go to the first unanswered question (where the interview stopped)"),
        Entry(short: "F11 review", keys: "F11 / Ctrl-O", action: "review the answers of this section; ↑ ↓ then Enter goes to a question to change it"),
        Entry(short: "", keys: "hard check box", action: "when a check reads another answer: ↑ ↓ or its number, Enter goes to that question; Esc stays to change this one"),
        Entry(short: "", keys: "Ctrl-C", action: "leave now; answers so far are saved and the case can be resumed"),
        Entry(short: "", keys: "Ctrl-A/K/U/W ← →", action: "edit the answer line (start, kill to end, kill line, kill word)"),
        Entry(short: "", keys: "Esc", action: "close a dialog without doing anything"),
    ]

    /// Footer items in priority order (the footer drops from the end when the window is narrow).
    public static let footerPriority = ["F1 help", "Enter ok", "F2 DK", "F3 ref", "F4 back", "F6 note", "F5 jump", "F7 appt", "F8 stop", "F9 lang", "F10 first", "F11 review", "^C leave"]
}
