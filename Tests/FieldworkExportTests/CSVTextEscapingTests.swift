import Foundation
import Testing
@testable import FieldworkExport

/// Text that a spreadsheet would run as a formula, or a control character a viewer would act on,
/// must not reach a CSV cell as it is (issue 7).
struct CSVTextEscapingTests {
    let escaping = CSVTextEscaping(formulaEscaping: true)

    @Test func formulaStartsArePrefixedWithAQuote() {
        #expect(escaping.text("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        #expect(escaping.text("+SUM(A1:A2)") == "'+SUM(A1:A2)")
        #expect(escaping.text("-2+3") == "'-2+3")
        #expect(escaping.text("@SUM(A1)") == "'@SUM(A1)")
        #expect(escaping.text("\t=1") == "'\t=1")
        #expect(escaping.text("\r=1") == "'\r=1")
        #expect(escaping.text("+44 20 7946 0000") == "'+44 20 7946 0000")
    }

    @Test func plainNumbersAndOrdinaryTextAreLeftAlone() {
        for plain in ["-1", "+44", "-0.5", "+1.25e3", "-.5", "12", "Rent is £2,000", "a=b", "", "'quoted"] {
            #expect(escaping.text(plain) == plain, "\(plain)")
        }
    }

    @Test func withoutFormulaEscapingOnlyControlsChange() {
        let off = CSVTextEscaping(formulaEscaping: false)
        #expect(off.text("=cmd|' /C calc'!A0") == "=cmd|' /C calc'!A0")
        #expect(off.text("=\u{1B}[2J") == "=<U+001B>[2J")
    }

    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(escaping.text("a\u{1B}[31mred") == "a<U+001B>[31mred")
        #expect(escaping.text("nul\u{0}bell\u{7}del\u{7F}") == "nul<U+0000>bell<U+0007>del<U+007F>")
        #expect(escaping.text("c1\u{9B}x") == "c1<U+009B>x")
        #expect(escaping.text("rtl\u{202E}txt") == "rtl<U+202E>txt")
        #expect(escaping.text("line\u{2028}sep") == "line<U+2028>sep")
        // Line breaks and tabs are text the CSV carries inside a quoted field.
        #expect(escaping.text("one\ntwo\r\nthree\tfour") == "one\ntwo\r\nthree\tfour")
        // An escaped control at the start is no formula start.
        #expect(escaping.text("\u{1B}=1") == "<U+001B>=1")
    }

    @Test func writerEscapesTextCellsButNeverNumbers() throws {
        let schema = ExportSchema(variables: [
            ExportVariable(name: "n", label: "number", kind: .numeric(decimals: 1), missing: [.dontKnow]),
            ExportVariable(name: "t", label: "text", kind: .string(maxBytes: nil)),
        ])
        let rows = ArrayRowSource([
            [.number(-1), .text("=cmd|' /C calc'!A0")],
            [.missing(code: -1), .text("-1")],
            [.number(-3.5), .text("bell\u{7}, ring")],
        ])
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("x.csv")
        try ExportWriter.write(schema: schema, rows: rows, format: .csv, to: target, overwrite: false)
        let text = try String(contentsOf: target, encoding: .utf8)
        #expect(text == "n,t\r\n-1,'=cmd|' /C calc'!A0\r\n-1,-1\r\n-3.5,\"bell<U+0007>, ring\"\r\n")

        let plain = directory.appendingPathComponent("plain.csv")
        try ExportWriter.write(schema: schema, rows: rows, format: .csv, to: plain, overwrite: false,
                               csvText: CSVTextEscaping(formulaEscaping: false))
        let unescaped = try String(contentsOf: plain, encoding: .utf8)
        #expect(unescaped == "n,t\r\n-1,=cmd|' /C calc'!A0\r\n-1,-1\r\n-3.5,\"bell<U+0007>, ring\"\r\n")
    }
}
