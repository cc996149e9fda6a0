/// Raking (iterative proportional fitting): scales base weights so that the weighted counts of the
/// completes match every margin's populations. One sweep scales the weights to each margin in
/// turn (w ← w × population of the cell / weighted count of the cell); sweeps repeat until no
/// step of a sweep changes a weight by more than the tolerance, relative to its value. With a cap, weights above
/// cap × mean are cut to it and the weights raked again, until none is over (bounded).
///
/// Pure: no I/O, no clock. The caller reads the completes and the margins file and stores the result.
public struct Raking: Sendable {
    public var settings: RakingSettings

    public init(settings: RakingSettings = RakingSettings()) {
        self.settings = settings
    }

    /// Checks the input, rakes, trims when asked, and reports. Errors name the margin and cell.
    public func rake(_ input: RakingInput) throws(RakingError) -> RakingResult {
        let problem = try Prepared(input, settings: settings)
        var weights = input.baseWeights
        var sweep = problem.rake(&weights, tolerance: settings.tolerance, maxIterations: settings.maxIterations)
        var totalIterations = sweep.iterations
        var trimRounds = 0
        var trimmed = Set<Int>()
        var capHeld: Bool?
        var capWeight: Double?
        if let cap = settings.cap {
            // Raking keeps Σw at the population total, so the mean (and the cap) stays put.
            let limit = cap * weights.reduce(0, +) / Double(weights.count)
            capWeight = limit
            capHeld = false
            while sweep.converged {
                let over = weights.indices.filter { weights[$0] > limit * (1 + settings.tolerance) }
                if over.isEmpty {
                    capHeld = true
                    break
                }
                guard trimRounds < settings.maxTrimRounds else { break }
                trimRounds += 1
                for i in over {
                    weights[i] = limit
                    trimmed.insert(i)
                }
                sweep = problem.rake(&weights, tolerance: settings.tolerance, maxIterations: settings.maxIterations)
                totalIterations += sweep.iterations
            }
        }
        guard let statistics = WeightStatistics(weights: weights) else {
            throw .inconsistentInput("the weights sum to zero")
        }
        let report = RakingReport(iterations: sweep.iterations, totalIterations: totalIterations, converged: sweep.converged,
                                  largestRelativeChange: sweep.largestRelativeChange, trimRounds: trimRounds,
                                  trimmedCases: trimmed.count, capHeld: capHeld, capWeight: capWeight,
                                  statistics: statistics, fits: problem.fits(weights))
        return RakingResult(weights: weights, report: report)
    }
}

extension Raking {
    /// The input checked and turned into cell numbers, so sweeps are array arithmetic.
    struct Prepared {
        struct Margin {
            var name: String
            var populations: [Double]
            var keys: [String]
            /// `cellOfCase[i]`: case `i`'s cell number.
            var cellOfCase: [Int]
        }
        var margins: [Margin]

        init(_ input: RakingInput, settings: RakingSettings) throws(RakingError) {
            if let problem = settings.problem { throw .settings(problem) }
            let n = input.caseIDs.count
            guard input.baseWeights.count == n else {
                throw .inconsistentInput("\(input.baseWeights.count) base weight(s) for \(n) case(s)")
            }
            guard input.cellKeys.count == input.margins.count else {
                throw .inconsistentInput("cell keys for \(input.cellKeys.count) margin(s) but \(input.margins.count) margin(s)")
            }
            guard n > 0 else { throw .noCompletes }
            guard !input.margins.isEmpty else { throw .noMargins }
            for (i, w) in input.baseWeights.enumerated() where !(w > 0) || !w.isFinite {
                throw .badBaseWeight(caseID: input.caseIDs[i], value: w)
            }
            margins = []
            for (m, margin) in input.margins.enumerated() {
                let keys = input.cellKeys[m]
                guard keys.count == n else {
                    throw .inconsistentInput("margin '\(margin.name)': cell keys for \(keys.count) case(s), not \(n)")
                }
                var index: [String: Int] = [:]
                for (c, cell) in margin.cells.enumerated() {
                    guard index.updateValue(c, forKey: cell.key) == nil else {
                        throw .inconsistentInput("margin '\(margin.name)' lists cell '\(cell.key)' twice")
                    }
                    guard cell.population >= 0, cell.population.isFinite else {
                        throw .inconsistentInput("margin '\(margin.name)', cell '\(cell.key)': population \(cell.population) is not a count")
                    }
                }
                var cellOfCase = [Int](repeating: 0, count: n)
                var counts = [Int](repeating: 0, count: margin.cells.count)
                var missing: [String: (count: Int, first: Int)] = [:]
                var missingOrder: [String] = []
                for i in 0..<n {
                    if let c = index[keys[i]] {
                        cellOfCase[i] = c
                        counts[c] += 1
                    } else if let seen = missing[keys[i]] {
                        missing[keys[i]] = (seen.count + 1, seen.first)
                    } else {
                        missing[keys[i]] = (1, i)
                        missingOrder.append(keys[i])
                    }
                }
                if let key = missingOrder.first, let found = missing[key] {
                    throw .cellNotInMargin(margin: margin.name, cell: key, cases: found.count, exampleCaseID: input.caseIDs[found.first])
                }
                for (c, cell) in margin.cells.enumerated() {
                    if cell.population == 0, counts[c] > 0 {
                        throw .zeroPopulationCell(margin: margin.name, cell: cell.key, cases: counts[c], line: cell.line)
                    }
                    if cell.population > 0, counts[c] == 0 {
                        throw .emptyCell(margin: margin.name, cell: cell.key, population: cell.population, line: cell.line)
                    }
                }
                margins.append(Margin(name: margin.name, populations: margin.cells.map(\.population), keys: margin.cells.map(\.key),
                                      cellOfCase: cellOfCase))
            }
            let reference = input.margins[0]
            let referenceTotal = reference.total
            for (m, margin) in input.margins.enumerated().dropFirst() {
                let total = margin.total
                if abs(total - referenceTotal) > RakingError.totalsTolerance * max(abs(referenceTotal), abs(total)) {
                    throw .totalsDisagree(margin: margin.name, total: total, reference: reference.name, referenceTotal: referenceTotal)
                }
                // Totals a rounding apart could never all be met, and raking would swing between them:
                // each margin is scaled to the first margin's total.
                if total != referenceTotal, total > 0 {
                    let scale = referenceTotal / total
                    margins[m].populations = margins[m].populations.map { $0 * scale }
                }
            }
        }

        struct Outcome {
            var iterations: Int
            var converged: Bool
            var largestRelativeChange: Double
        }

        /// Sweeps until no step of a sweep changes any weight by more than `tolerance` of its value,
        /// or `maxIterations` sweeps. Every step counts, not just the weights at the end of a sweep:
        /// margins that cannot all be met can swing the weights away and back within one sweep.
        func rake(_ weights: inout [Double], tolerance: Double, maxIterations: Int) -> Outcome {
            var change = Double.infinity
            for iteration in 1...maxIterations {
                change = 0
                for margin in margins { change = max(change, scale(&weights, to: margin)) }
                if change <= tolerance {
                    return Outcome(iterations: iteration, converged: true, largestRelativeChange: change)
                }
            }
            return Outcome(iterations: maxIterations, converged: false, largestRelativeChange: change)
        }

        /// One step: every weight times its cell's population over the cell's weighted count.
        /// Returns the largest relative change of a weight, |factor − 1|.
        func scale(_ weights: inout [Double], to margin: Margin) -> Double {
            let sums = weightedCounts(weights, margin)
            var factors = [Double](repeating: 1, count: sums.count)
            var change = 0.0
            for c in sums.indices where sums[c] > 0 {
                factors[c] = margin.populations[c] / sums[c]
                change = max(change, abs(factors[c] - 1))
            }
            for i in weights.indices {
                weights[i] *= factors[margin.cellOfCase[i]]
            }
            return change
        }

        func weightedCounts(_ weights: [Double], _ margin: Margin) -> [Double] {
            var sums = [Double](repeating: 0, count: margin.populations.count)
            for i in weights.indices {
                sums[margin.cellOfCase[i]] += weights[i]
            }
            return sums
        }

        func fits(_ weights: [Double]) -> [MarginFit] {
            margins.map { margin in
                let sums = weightedCounts(weights, margin)
                var worst = 0.0
                var worstCell: String?
                for c in sums.indices where margin.populations[c] > 0 {
                    let error = abs(sums[c] - margin.populations[c]) / margin.populations[c]
                    if worstCell == nil || error > worst {
                        worst = error
                        worstCell = margin.keys[c]
                    }
                }
                return MarginFit(margin: margin.name, cells: margin.populations.count, total: margin.populations.reduce(0, +),
                                 largestRelativeError: worst, worstCell: worstCell)
            }
        }
    }
}
