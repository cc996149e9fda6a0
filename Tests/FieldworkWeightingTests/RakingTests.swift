import Testing
@testable import FieldworkWeighting

/// Raking checked against hand-worked figures and against sums recomputed here, never against the
/// raking code's own bookkeeping.
@Suite struct RakingTests {
    /// Two margins over a 2×2 table: rows A/B, columns X/Y. One case per listed cell.
    static func twoByTwo(_ cells: [(String, String)], rows: (Double, Double) = (60, 40), columns: (Double, Double) = (50, 50),
                         base: [Double]? = nil) -> RakingInput {
        RakingInput(
            caseIDs: cells.indices.map { "C\($0 + 1)" },
            baseWeights: base ?? cells.map { _ in 1 },
            margins: [
                PopulationMargin(name: "row", cells: [MarginCell(key: "A", population: rows.0, line: 2), MarginCell(key: "B", population: rows.1, line: 3)]),
                PopulationMargin(name: "column", cells: [MarginCell(key: "X", population: columns.0, line: 4), MarginCell(key: "Y", population: columns.1, line: 5)]),
            ],
            cellKeys: [cells.map(\.0), cells.map(\.1)])
    }

    /// Seed counts AX 2, AY 1, BX 1, BY 2; rows A 60, B 40; columns X 50, Y 50.
    static let seed: [(String, String)] = [("A", "X"), ("A", "X"), ("A", "Y"), ("B", "X"), ("B", "Y"), ("B", "Y")]

    /// The first sweep by hand. Rows: A has 3 cases → ×20, B has 3 → ×40/3, giving AX 20, AY 20,
    /// BX 13⅓, BY 13⅓. Columns: X holds 2·20 + 13⅓ = 53⅓ → ×50/53⅓ = 0.9375; Y holds 20 + 2·13⅓ = 46⅔
    /// → ×15/14. So AX 18.75, AY 150/7, BX 12.5, BY 100/7.
    @Test func firstSweepByHand() throws {
        let result = try Raking(settings: RakingSettings(maxIterations: 1)).rake(Self.twoByTwo(Self.seed))
        let expected = [18.75, 18.75, 150.0 / 7, 12.5, 100.0 / 7, 100.0 / 7]
        for (w, e) in zip(result.weights, expected) { #expect(abs(w - e) < 1e-12, "\(w) vs \(e)") }
        #expect(result.report.iterations == 1)
        #expect(result.report.converged == false)
    }

    /// The limit by hand. IPF keeps the seed's odds ratio (2·2)/(1·1) = 4, so the fitted AX count a
    /// solves a(a−10) = 4(60−a)(50−a), i.e. 3a² − 430a + 12000 = 0: a = (430 − √40900)/6 ≈ 37.9604.
    /// Then AY = 60 − a, BX = 50 − a, BY = a − 10, shared equally by the cases in each cell.
    @Test func limitByHand() throws {
        let result = try Raking().rake(Self.twoByTwo(Self.seed))
        let a = (430 - 40900.0.squareRoot()) / 6
        let expected = [a / 2, a / 2, 60 - a, 50 - a, (a - 10) / 2, (a - 10) / 2]
        for (w, e) in zip(result.weights, expected) { #expect(abs(w - e) / e < 1e-8, "\(w) vs \(e)") }
        #expect(result.report.converged)
        #expect(result.report.largestRelativeChange <= RakingSettings.defaultTolerance)
        #expect(result.report.statistics.sum.isApproximately(100))
    }

    /// 300 cases over three crossed margins with uneven base weights: every margin is reproduced,
    /// checked by summing the weights here.
    @Test func reproducesEveryMargin() throws {
        var rng = SplitMix(seed: 7)
        let n = 300
        let regions = ["N", "S", "E", "W"], sizes = ["1-9", "10-49", "50+"], sectors = ["G", "J", "M", "Q", "S"]
        var keys: [[String]] = [[], [], []]
        var base: [Double] = []
        for _ in 0..<n {
            keys[0].append(regions[rng.below(regions.count)])
            keys[1].append(sizes[rng.below(sizes.count)] + "|" + sectors[rng.below(sectors.count)])
            keys[2].append(sectors[rng.below(sectors.count)])
            base.append(1 + Double(rng.below(40)))
        }
        func margin(_ name: String, _ cells: [String], total: Double) -> PopulationMargin {
            let shares = cells.map { _ in 1 + Double(rng.below(9)) }
            let sum = shares.reduce(0, +)
            return PopulationMargin(name: name, cells: zip(cells, shares).map { MarginCell(key: $0, population: total * $1 / sum) })
        }
        let crossed = sizes.flatMap { s in sectors.map { "\(s)|\($0)" } }
        let margins = [margin("region", regions, total: 50_000), margin("size x sector", crossed, total: 50_000),
                       margin("sector2", sectors, total: 50_000)]
        let input = RakingInput(caseIDs: (0..<n).map { "K\($0)" }, baseWeights: base, margins: margins, cellKeys: keys)
        let result = try Raking().rake(input)
        #expect(result.report.converged)
        for (m, margin) in margins.enumerated() {
            var sums: [String: Double] = [:]
            for i in 0..<n { sums[keys[m][i], default: 0] += result.weights[i] }
            for cell in margin.cells {
                let got = sums[cell.key] ?? 0
                #expect(abs(got - cell.population) / cell.population < 1e-6, "\(margin.name) \(cell.key): \(got) vs \(cell.population)")
            }
        }
        #expect(result.report.largestMarginError < 1e-6)
    }

    /// One margin, cells c1 (base 1, 1, 1, 10; population 130) and c2 (four 1s; population 40).
    /// Raked: c1 ×10 → 10, 10, 10, 100; c2 → 10 each. Mean 170/8 = 21.25; cap 2 → 42.5. The 100 is cut
    /// to 42.5 and c1 raked again, round after round, until the three others carry 130 − 42.5 = 87.5
    /// (29⅙ each) and the trimmed case sits at the cap.
    @Test func trimmingHoldsTheCap() throws {
        let keys = ["c1", "c1", "c1", "c1", "c2", "c2", "c2", "c2"]
        let input = RakingInput(caseIDs: keys.indices.map { "T\($0)" }, baseWeights: [1, 1, 1, 10, 1, 1, 1, 1],
                                margins: [PopulationMargin(name: "cell", cells: [MarginCell(key: "c1", population: 130), MarginCell(key: "c2", population: 40)])],
                                cellKeys: [keys])
        let result = try Raking(settings: RakingSettings(cap: 2)).rake(input)
        let expected = [87.5 / 3, 87.5 / 3, 87.5 / 3, 42.5, 10, 10, 10, 10]
        for (w, e) in zip(result.weights, expected) { #expect(abs(w - e) / e < 1e-6, "\(w) vs \(e)") }
        #expect(result.report.capHeld == true)
        #expect(result.report.capWeight == 42.5)
        #expect(result.report.trimmedCases == 1)
        #expect(result.report.trimRounds >= 1 && result.report.trimRounds <= RakingSettings.defaultMaxTrimRounds)
        #expect(result.report.converged)
        #expect(result.weights.max()! <= 42.5 * (1 + 1e-6))
    }

    /// A cell with one case must carry its whole population, so no amount of trimming holds the cap:
    /// the rounds stop at the bound and the report says the cap did not hold.
    @Test func capThatCannotHoldIsReported() throws {
        let keys = ["c1", "c2", "c2", "c2", "c2"]
        let input = RakingInput(caseIDs: keys.indices.map { "T\($0)" }, baseWeights: keys.map { _ in 1 },
                                margins: [PopulationMargin(name: "cell", cells: [MarginCell(key: "c1", population: 100), MarginCell(key: "c2", population: 40)])],
                                cellKeys: [keys])
        let result = try Raking(settings: RakingSettings(cap: 2, maxTrimRounds: 5)).rake(input)
        #expect(result.report.capHeld == false)
        #expect(result.report.trimRounds == 5)
        #expect(result.report.trimmedCases == 1)
        #expect(abs(result.weights[0] - 100) < 1e-9)
        #expect(result.report.largestMarginError < 1e-9)
    }

    @Test func noTrimmingWithoutACap() throws {
        let result = try Raking().rake(Self.twoByTwo(Self.seed))
        #expect(result.report.capHeld == nil)
        #expect(result.report.capWeight == nil)
        #expect(result.report.trimRounds == 0)
    }

    /// Only AX and BY have completes: AX must carry both row A (60) and column X (50), so the sweeps
    /// swing between the two for ever. Reported, not hidden.
    @Test func nonConvergenceIsReported() throws {
        let result = try Raking(settings: RakingSettings(maxIterations: 200)).rake(Self.twoByTwo([("A", "X"), ("B", "Y")]))
        #expect(result.report.converged == false)
        #expect(result.report.iterations == 200)
        #expect(result.report.largestRelativeChange > 0.1)
    }

    /// deff = n·Σw²/(Σw)² and n_eff = (Σw)²/Σw² for 1, 2, 3, 4: Σw = 10, Σw² = 30, deff = 4·30/100 = 1.2,
    /// n_eff = 100/30.
    @Test func kishDesignEffect() throws {
        let s = try #require(WeightStatistics(weights: [1, 2, 3, 4]))
        #expect(s.designEffect.isApproximately(1.2))
        #expect(s.effectiveSampleSize.isApproximately(100.0 / 30))
        #expect(s.minimum == 1 && s.maximum == 4 && s.ratio == 4 && s.mean == 2.5)
        #expect(WeightStatistics(weights: []) == nil)
    }

    @Test func baseWeightsAreTheStartingPoint() throws {
        // One margin: raking only scales each cell, so within a cell weights keep their base ratios.
        let input = RakingInput(caseIDs: ["a", "b", "c"], baseWeights: [1, 3, 5],
                                margins: [PopulationMargin(name: "all", cells: [MarginCell(key: "x", population: 90)])],
                                cellKeys: [["x", "x", "x"]])
        let result = try Raking().rake(input)
        #expect(result.weights.map { ($0 * 1e9).rounded() / 1e9 } == [10, 30, 50])
        #expect(result.report.iterations == 2)  // the second sweep changes nothing
    }

    // MARK: Bad input

    @Test func noCompletes() {
        let input = RakingInput(caseIDs: [], baseWeights: [], margins: Self.twoByTwo([]).margins, cellKeys: [[], []])
        #expect(throws: RakingError.noCompletes) { try Raking().rake(input) }
        #expect(RakingError.noCompletes.description.contains("no completes to weight"))
    }

    @Test func cellMissingFromAMargin() {
        var input = Self.twoByTwo(Self.seed)
        input.cellKeys[1][4] = "Z"
        input.cellKeys[1][5] = "Z"
        let expected = RakingError.cellNotInMargin(margin: "column", cell: "Z", cases: 2, exampleCaseID: "C5")
        #expect(throws: expected) { try Raking().rake(input) }
        #expect(expected.description.contains("margin 'column' has no cell 'Z'"))
    }

    @Test func marginCellWithoutCompletes() {
        let input = Self.twoByTwo([("A", "X"), ("A", "X")], rows: (60, 40))
        #expect(throws: RakingError.emptyCell(margin: "row", cell: "B", population: 40, line: 3)) { try Raking().rake(input) }
        #expect(RakingError.emptyCell(margin: "row", cell: "B", population: 40, line: 3).description.hasPrefix("line 3: margin 'row', cell 'B'"))
    }

    @Test func zeroPopulationWithCompletes() {
        let input = Self.twoByTwo(Self.seed, rows: (100, 0), columns: (50, 50))
        #expect(throws: RakingError.zeroPopulationCell(margin: "row", cell: "B", cases: 3, line: 3)) { try Raking().rake(input) }
    }

    @Test func totalsThatDisagree() {
        let input = Self.twoByTwo(Self.seed, rows: (60, 40), columns: (50, 51))
        let expected = RakingError.totalsDisagree(margin: "column", total: 101, reference: "row", referenceTotal: 100)
        #expect(throws: expected) { try Raking().rake(input) }
        #expect(expected.description.contains("margin 'column' totals 101 but margin 'row' totals 100"))
    }

    @Test func totalsWithinTheToleranceAreAccepted() throws {
        let input = Self.twoByTwo(Self.seed, rows: (600_000, 400_000), columns: (500_000, 500_000.5))  // 5e-7 relative
        let result = try Raking().rake(input)
        #expect(result.report.converged)
        // The columns are scaled to the rows' total, 1,000,000: X ≈ 499,999.75, Y ≈ 500,000.25.
        let x = result.weights[0] + result.weights[1] + result.weights[3]
        #expect(abs(x - 500_000 * 1_000_000 / 1_000_000.5) < 1e-3)
        #expect(abs(result.weights.reduce(0, +) - 1_000_000) < 1e-3)
    }

    @Test func badBaseWeight() {
        for bad in [0, -1, Double.nan, Double.infinity] {
            var base = Self.seed.map { _ in 1.0 }
            base[2] = bad
            #expect(throws: RakingError.self) { try Raking().rake(Self.twoByTwo(Self.seed, base: base)) }
        }
    }

    @Test func badSettings() {
        for settings in [RakingSettings(cap: 1), RakingSettings(cap: 0.5), RakingSettings(tolerance: 0), RakingSettings(maxIterations: 0)] {
            #expect(throws: RakingError.self) { try Raking(settings: settings).rake(Self.twoByTwo(Self.seed)) }
        }
    }

    @Test func duplicateCellIsRefused() {
        var input = Self.twoByTwo(Self.seed)
        input.margins[0].cells.append(MarginCell(key: "A", population: 0))
        #expect(throws: RakingError.self) { try Raking().rake(input) }
    }

    @Test func marginNamesSplitIntoFields() {
        #expect(PopulationMargin.fields(inName: "size_band x sector") == ["size_band", "sector"])
        #expect(PopulationMargin.fields(inName: "borough") == ["borough"])
        #expect(PopulationMargin.cellKey(values: ["1-9", "G"]) == "1-9|G")
    }
}

extension Double {
    func isApproximately(_ other: Double) -> Bool { abs(self - other) <= 1e-12 * Swift.max(1, abs(other)) }
}

/// A small seeded generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
