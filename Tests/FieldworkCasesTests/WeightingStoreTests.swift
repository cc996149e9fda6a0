import Foundation
import Testing
import FieldworkWeighting
@testable import FieldworkCases

/// The margins file, the raking input built from completes, and weights in the case store.
@Suite struct WeightingStoreTests {
    // MARK: Margins file

    @Test func readsLongFormatMargins() throws {
        let file = try MarginsFile.parse(csv: """
            margin,cell,population
            size_band x sector,1-9|G,100
            borough,Camden,60
            size_band  x  sector,10-49|G,50
            borough,"Hammersmith and Fulham",90

            """, source: "m.csv")
        #expect(file.margins.map(\.name) == ["size_band x sector", "borough"])
        #expect(file.margins[0].fields == ["size_band", "sector"])
        #expect(file.margins[0].cells == [MarginCell(key: "1-9|G", population: 100, line: 2), MarginCell(key: "10-49|G", population: 50, line: 4)])
        #expect(file.margins[1].cells.map(\.key) == ["Camden", "Hammersmith and Fulham"])
    }

    @Test func everyBadRowIsReportedWithItsLine() {
        let csv = """
            margin,cell,population
            borough,Camden,60
            borough,Camden,61
            borough,,5
            ,Camden,5
            size_band x sector,1-9,5
            borough,Barnet,-3
            borough,Brent,many
            borough,Ealing
            borough,Enfield,nan
            """
        #expect {
            try MarginsFile.parse(csv: csv, source: "m.csv")
        } throws: { error in
            guard let error = error as? MarginsFileError else { return false }
            let m = error.messages
            return m.count == 8
                && m[0] == "m.csv:3: margin 'borough', cell 'Camden' is already given on line 2; give each cell once"
                && m[1].hasPrefix("m.csv:4: the cell is empty")
                && m[2].hasPrefix("m.csv:5: the margin is empty")
                && m[3].hasPrefix("m.csv:6: cell '1-9' has 1 value(s) but margin 'size_band x sector' is over 2 field(s)")
                && m[4].hasPrefix("m.csv:7: population -3 is negative")
                && m[5].hasPrefix("m.csv:8: population: 'many' is not a number")
                && m[6].hasPrefix("m.csv:9: row has 2 column(s)")
                && m[7].hasPrefix("m.csv:10: population: 'nan' is not a number")
        }
    }

    @Test func headerAndEmptyFiles() {
        #expect(throws: MarginsFileError.self) { try MarginsFile.parse(csv: "", source: "m.csv") }
        #expect(throws: MarginsFileError.self) { try MarginsFile.parse(csv: "margin,cell\nborough,Camden\n", source: "m.csv") }
        #expect(throws: MarginsFileError.self) { try MarginsFile.parse(csv: "margin,cell,population\n", source: "m.csv") }
        #expect(throws: MarginsFileError.self) { try MarginsFile.parse(csv: "margin,cell,population\nborough,\"Camden,5\n", source: "m.csv") }
    }

    @Test func readsTheBundledBASMargins() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Questionnaires/samples/margins-bas.csv")
        let file = try MarginsFile.read(contentsOf: url)
        #expect(file.margins.map(\.cells.count) == [72, 33])
        #expect(file.margins.map(\.total) == [498_750, 498_750])
    }

    // MARK: Raking input

    static let margins = [
        PopulationMargin(name: "size_band x sector", cells: [MarginCell(key: "1-9|G", population: 80), MarginCell(key: "10-49|G", population: 20)]),
        PopulationMargin(name: "borough", cells: [MarginCell(key: "Camden", population: 100, line: 4)]),
    ]

    static func complete(_ id: String, _ band: String, _ p: String = "0.5") -> CompletedCase {
        CompletedCase(id: id, fields: ["size_band": band, "sector": "G", "borough": "Camden", "selection_probability": p])
    }

    @Test func buildsCellKeysAndBaseWeights() throws {
        let input = try WeightingInput.build(completes: [Self.complete("A", "1-9", "0.25"), Self.complete("B", "10-49", "0.5")],
                                             margins: Self.margins, baseField: "selection_probability")
        #expect(input.cellKeys == [["1-9|G", "10-49|G"], ["Camden", "Camden"]])
        #expect(input.baseWeights == [4, 2])
        let flat = try WeightingInput.build(completes: [Self.complete("A", "1-9")], margins: Self.margins, baseField: nil)
        #expect(flat.baseWeights == [1])
    }

    @Test func marginOverAFieldTheSampleLacks() {
        let margins = [PopulationMargin(name: "age_band", cells: [MarginCell(key: "a16_24", population: 1, line: 2)])]
        #expect(throws: WeightingInputError.fieldNotInSample(margin: "age_band", field: "age_band", line: 2,
                                                             sampleFields: ["borough", "sector", "selection_probability", "size_band"])) {
            try WeightingInput.build(completes: [Self.complete("A", "1-9")], margins: margins, baseField: nil)
        }
    }

    @Test func completeWithoutAValue() {
        #expect(throws: WeightingInputError.missingValue(margin: "size_band x sector", field: "size_band", cases: 1, exampleCaseID: "B")) {
            try WeightingInput.build(completes: [Self.complete("A", "1-9"), Self.complete("B", "")], margins: Self.margins, baseField: nil)
        }
    }

    @Test func badSelectionProbabilities() {
        for bad in ["0", "1.5", "-0.1", "x", "", "nan"] {
            #expect(throws: WeightingInputError.badProbability(caseID: "A", field: "selection_probability", value: bad)) {
                try WeightingInput.build(completes: [Self.complete("A", "1-9", bad)], margins: Self.margins, baseField: "selection_probability")
            }
        }
        #expect(throws: WeightingInputError.self) {
            try WeightingInput.build(completes: [Self.complete("A", "1-9")], margins: Self.margins, baseField: "p")
        }
    }

    // MARK: Storage (on both stores)

    /// A fresh store of `kind` holding `ids`, as the whole-survey commands see it.
    func surveyStore(_ kind: StoreKind, ids: [String]) throws -> any SurveyCaseStore {
        try #require(try makeStore(kind, ids: ids) as? any SurveyCaseStore)
    }

    @Test(arguments: StoreKind.underTest) func completesAreCasesWithFinalCode1_1(_ kind: StoreKind) throws {
        let store = try surveyStore(kind, ids: ["A", "B", "C"])
        try store.record("A", .interviewComplete, at: at("2025-10-20T10:00"))
        try store.record("B", .hardRefusal, at: at("2025-10-20T10:05"))
        #expect(try store.completedCases().map(\.id) == ["A"])
    }

    @Test(arguments: StoreKind.underTest) func weightsReplaceEarlierRunsAndReachTheExport(_ kind: StoreKind) throws {
        let store = try surveyStore(kind, ids: ["A", "B", "C"])
        let run = WeightingRun(at: at("2025-11-01T10:00"), marginsFile: "m.csv", margins: ["size_band x sector", "borough"],
                               baseField: "selection_probability", cap: 5, tolerance: 1e-9, maxIterations: 1000, iterations: 7,
                               converged: true, trimRounds: 1, trimmedCases: 2, cases: 2, designEffect: 1.25)
        #expect(try store.caseWeights() == nil)
        let first = try store.storeWeights(["A": 1.5, "B": 2.5], run: run)
        #expect(try store.storedWeights() == ["A": 1.5, "B": 2.5])
        #expect(try store.caseWeights() == CaseWeights(byCase: ["A": 1.5, "B": 2.5]))
        #expect(try store.hasWeights())
        let second = try store.storeWeights(["B": 4], run: run)
        #expect(second > first)
        #expect(try store.storedWeights() == ["B": 4])
        var expected = run
        expected.id = second
        #expect(try store.latestWeightingRun() == expected)
        let fields = try store.exportFields(ids: ["A", "B"])
        #expect(fields["A"]?.weight == nil)
        #expect(fields["B"]?.weight == 4)
        #expect {
            try store.storeWeights(["B": 9, "nobody": 1], run: run)
        } throws: { error in
            guard case CaseStoreError.unknownCase("nobody")? = error as? CaseStoreError else { return false }
            return true
        }
        #expect(try store.storedWeights() == ["B": 4])  // the failed run changed nothing
        #expect(try store.latestWeightingRun()?.id == second)
        // A weight keeps every digit, and a run without base field or cap reads back without them.
        var plain = run
        plain.baseField = nil
        plain.cap = nil
        plain.id = try store.storeWeights(["C": 0.1 + 0.2], run: plain)
        #expect(try store.storedWeights() == ["C": 0.1 + 0.2])
        #expect(try store.latestWeightingRun() == plain)
    }

    @Test(arguments: StoreKind.underTest) func aNewStoreHasNoWeights(_ kind: StoreKind) throws {
        let store = try surveyStore(kind, ids: ["A"])
        #expect(try store.hasWeights() == false)
        #expect(try store.latestWeightingRun() == nil)
        #expect(try store.storedWeights().isEmpty)
        #expect(try store.caseWeights() == nil)
        #expect(try store.exportFields(ids: ["A"])["A"]?.weight == nil)
    }
}
