import Foundation
import Testing
@testable import FieldworkExport

struct VariableNameRulesTests {
    @Test(arguments: [
        ("q1", true), ("Q1_other", true), ("@weight", true), ("a.b$c#d_e", true),
        ("1q", false), ("_q", false), ("q-1", false), ("q 1", false), ("zoë", false), ("q.", false),
        ("ALL", false), ("with", false), ("To", false), ("total", true),
        (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false), ("", false),
    ])
    func spssNames(name: String, valid: Bool) {
        #expect((VariableNameRules.problems(name: name, format: .sav) == nil) == valid, "\(name)")
    }

    @Test(arguments: [
        ("q1", true), ("_q1", true), ("Q1_other", true), ("1q", false), ("q.1", false), ("q$", false),
        ("@w", false), ("zoë", false), ("_all", false), ("_N", false), ("_n", false), ("int", false),
        ("strL", false), ("str12", false), ("string", true), ("str", true), ("Int", true), ("using", false),
        (String(repeating: "b", count: 32), true), (String(repeating: "b", count: 33), false), ("", false),
    ])
    func stataNames(name: String, valid: Bool) {
        #expect((VariableNameRules.problems(name: name, format: .dta) == nil) == valid, "\(name)")
    }

    @Test func problemsSayWhatIsWrong() {
        #expect(VariableNameRules.problems(name: "with", format: .sav)?.contains("reserved") == true)
        #expect(VariableNameRules.problems(name: "q-1", format: .dta)?.contains("\"-\"") == true)
        #expect(VariableNameRules.problems(name: String(repeating: "x", count: 40), format: .dta)?.contains("40 characters") == true)
    }

    @Test func duplicatesIgnoreCaseOnlyForSPSS() {
        let names = ["Q1", "q1", "q2", "q2", "q2"]
        #expect(VariableNameRules.duplicates(names: names, format: .sav) == ["q1", "q2"])
        #expect(VariableNameRules.duplicates(names: names, format: .dta) == ["q2"])
    }

    @Test func schemaProblemsListEveryBadName() throws {
        let schema = ExportSchema(variables: [
            ExportVariable(name: "ok", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "1bad", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "AND", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "OK", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "many", label: "", kind: .numeric(decimals: 0), missing: [
                MissingCode(code: -1, label: "a", stataTag: "a"), MissingCode(code: -2, label: "b", stataTag: "b"),
                MissingCode(code: -3, label: "c", stataTag: "c"), MissingCode(code: -4, label: "d", stataTag: "A"),
            ]),
        ])
        let sav = SchemaCheck.problems(in: schema, format: .sav)
        #expect(sav.count == 4)
        #expect(sav.contains { $0.hasPrefix("1bad") })
        #expect(sav.contains { $0.hasPrefix("AND") })
        #expect(sav.contains { $0.hasPrefix("OK") && $0.contains("more than one") })
        #expect(sav.contains { $0.hasPrefix("many") && $0.contains("at most 3") })
        let dta = SchemaCheck.problems(in: schema, format: .dta)
        #expect(dta.count == 2)
        #expect(dta.contains { $0.hasPrefix("many") && $0.contains("\"A\"") })
    }

    @Test func badNamesStopTheExportBeforeAnyFile() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = ExportSchema(variables: [
            ExportVariable(name: "q 1", label: "", kind: .numeric(decimals: 0)),
            ExportVariable(name: "with", label: "", kind: .numeric(decimals: 0)),
        ])
        for format in [ExportFormat.sav, .dta] {
            let error = #expect(throws: ExportError.self) {
                try ExportWriter.write(schema: schema, rows: ArrayRowSource([[.number(1), .number(2)]]),
                                       format: format, to: directory.appendingPathComponent("x.\(format.rawValue)"), overwrite: false)
            }
            guard case let .invalidSchema(_, problems)? = error else {
                Issue.record("expected invalidSchema, got \(String(describing: error))")
                continue
            }
            #expect(problems.count == 2)
            #expect(error?.description.contains("q 1") == true && error?.description.contains("with") == true)
        }
        #expect(try directoryListing(directory).isEmpty)
    }
}
