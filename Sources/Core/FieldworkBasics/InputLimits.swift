/// The largest input of each kind Fieldwork accepts: the one place these bounds are named.
///
/// Every file a person can hand the `fieldwork` command is bounded, so that a hostile or broken
/// file is refused with a message naming the limit instead of exhausting memory or the stack.
/// At and below each limit the input is read; the time and peak memory measured at the limit are
/// in docs/hardening.md ("Resource limits"). Readers take their limit as a parameter defaulting
/// to the value here, so tests can exercise the refusal on small inputs.
public enum InputLimits {
    /// One mebibyte, the unit sizes are given in ("50 MB" below means 50 × 1,048,576 bytes).
    public static let megabyte = 1_048_576

    /// A questionnaire file (`fieldwork check`, `test`, `simulate`, `init`, and the copy pinned in a
    /// survey directory). Refused with FW500.
    public static let questionnaireBytes = 50 * megabyte
    /// Questions in one questionnaire: items of a question type (statements and grids included; a
    /// grid counts once, whatever its rows), each counted once as written, not once per loop pass.
    /// Refused with FW501.
    public static let questionnaireQuestions = 200_000
    /// Arrays and objects nested inside each other in a questionnaire's JSON (FW100). The reader is
    /// iterative, so this bounds the model's depth, not the reader's stack.
    public static let jsonNesting = 512

    /// Binary operators (`and`, `or`, comparisons, `+ - * /`) in one expression or fill (FW302).
    /// A chain of n operators is a tree n deep, which type checking, compiling and evaluating walk
    /// recursively; this keeps them far from the stack's end. Real conditions use a few dozen.
    public static let expressionOperators = 256
    /// Parentheses, `not` and unary `-` nested inside each other in one expression (FW300; in a
    /// questionnaire FW110/FW111). The parser descends recursively through them.
    public static let expressionNesting = 200

    /// Lines in one scenario file (`fieldwork test`), comments and blank lines included. Refused
    /// with FW502.
    public static let scenarioLines = 1_000_000
    /// Bytes in one scenario file, checked before it is read. Refused with FW502.
    public static let scenarioBytes = 100 * megabyte

    /// Bytes in one cell of a sample or preload CSV (`fieldwork cases import`, `cases preload`).
    /// The file is refused, naming the row and column, before anything is written.
    public static let sampleCellBytes = 100 * megabyte

    /// Bytes in one journal line, newline excluded. Longer lines are reported as damage and
    /// skipped by every reader (`verify`, `export`, resuming an interview); the writer refuses to
    /// append a record that long, so nothing it acknowledged is ever skipped.
    public static let journalLineBytes = 100 * megabyte

    /// "50 MB" for a byte count that is a whole number of megabytes, else "1,234,567 bytes".
    public static func describe(bytes: Int) -> String {
        bytes % megabyte == 0 ? "\(bytes / megabyte) MB" : "\(grouped(bytes)) bytes"
    }

    /// "1,000,000": counts in messages, grouped by thousands.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}
