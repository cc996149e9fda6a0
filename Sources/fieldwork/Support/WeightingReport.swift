import FieldworkBasics
import FieldworkWeighting
import Foundation

/// What `fieldwork weight` prints: the convergence report (text or JSON).
struct WeightingReport: Encodable {
    struct Margin: Encodable {
        var name: String
        var cells: Int
        var total: Double
        /// The largest |weighted count − population| / population over the margin's cells.
        var largestRelativeError: Double
        var worstCell: String?
    }

    struct Weights: Encodable {
        var min: Double
        var max: Double
        /// max / min.
        var ratio: Double
        var mean: Double
        var sum: Double
    }

    struct Trimming: Encodable {
        var cap: Double
        /// cap × the mean weight.
        var capWeight: Double
        var rounds: Int
        var trimmedCases: Int
        var capHeld: Bool
    }

    var completes: Int
    var marginsFile: String
    var base: String
    var tolerance: Double
    var maxIterations: Int
    var iterations: Int
    var totalIterations: Int
    var converged: Bool
    var largestRelativeChange: Double
    var margins: [Margin]
    var weights: Weights
    /// Kish: n·Σw²/(Σw)².
    var designEffect: Double
    /// n / deff.
    var effectiveSampleSize: Double
    var trimming: Trimming?
    var stored: Bool
    var runID: Int64?
    var at: Date

    init(_ r: RakingReport, completes: Int, marginsFile: String, base: String?, settings: RakingSettings, at: Date, runID: Int64?) {
        self.completes = completes
        self.marginsFile = marginsFile
        self.base = base.map { "1/\($0)" } ?? "1"
        tolerance = settings.tolerance
        maxIterations = settings.maxIterations
        iterations = r.iterations
        totalIterations = r.totalIterations
        converged = r.converged
        largestRelativeChange = r.largestRelativeChange
        margins = r.fits.map { Margin(name: $0.margin, cells: $0.cells, total: $0.total, largestRelativeError: $0.largestRelativeError, worstCell: $0.worstCell) }
        let s = r.statistics
        weights = Weights(min: s.minimum, max: s.maximum, ratio: s.ratio, mean: s.mean, sum: s.sum)
        designEffect = s.designEffect
        effectiveSampleSize = s.effectiveSampleSize
        if let cap = settings.cap, let capWeight = r.capWeight {
            trimming = Trimming(cap: cap, capWeight: capWeight, rounds: r.trimRounds, trimmedCases: r.trimmedCases, capHeld: r.capHeld ?? false)
        }
        stored = runID != nil
        self.runID = runID
        self.at = at
    }

    func lines() -> [String] {
        let f = Self.format
        var out = ["Weighted \(completes) complete(s) to \(margins.count) margin(s) from \(marginsFile); base weight \(base)"]
        out.append(converged
            ? "Converged after \(iterations) iteration(s) (largest relative change \(f(largestRelativeChange)), tolerance \(f(tolerance)))"
            : "NOT converged after \(iterations) iteration(s) (largest relative change \(f(largestRelativeChange)), tolerance \(f(tolerance)))")
        for m in margins {
            out.append("  margin \(m.name): \(m.cells) cell(s), total \(f(m.total)), largest relative error \(f(m.largestRelativeError))"
                + (m.worstCell.map { " (cell \($0))" } ?? ""))
        }
        if let t = trimming {
            out.append("Trimming at \(f(t.cap)) × mean = \(f(t.capWeight)): \(t.trimmedCases) case(s) trimmed in \(t.rounds) round(s); "
                + (t.capHeld ? "every weight within the cap" : "some weights still above the cap"))
        }
        out.append("Weights: min \(f(weights.min)), max \(f(weights.max)), ratio \(f(weights.ratio)), mean \(f(weights.mean)), sum \(f(weights.sum))")
        out.append("Design effect (Kish, n·Σw²/(Σw)²) \(f(designEffect)); effective sample size \(f(effectiveSampleSize)) of \(completes)")
        out.append(stored ? "Stored \(completes) weight(s) in cases.sqlite (weighting run \(runID ?? 0))" : "Weights not stored")
        return out
    }

    /// Six significant digits, as people read them.
    static func format(_ x: Double) -> String {
        DecimalText.significant(x, digits: 6)
    }
}
