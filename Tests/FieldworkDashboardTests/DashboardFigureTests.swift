import Foundation
@testable import FieldworkDashboard
import Testing

@Suite("Dashboard figures")
struct DashboardFigureTests {
    @Test func equalWeightsGiveTheTextbookWilsonInterval() throws {
        // 30 of 100: p = 0.3, n = 100; Wilson 95 % ≈ (0.2189, 0.3958).
        let values = (0..<100).map { (yes: $0 < 30, weight: 2.0) }
        let p = WeightedProportion(values)
        #expect(p.base == 100 && p.weightedBase == 200 && abs(p.effectiveBase - 100) < 1e-9)
        #expect(abs(try #require(p.estimate) - 0.3) < 1e-12)
        #expect(abs(try #require(p.low) - 0.21886) < 1e-4)
        #expect(abs(try #require(p.high) - 0.39579) < 1e-4)
    }

    @Test func unequalWeightsWidenTheIntervalThroughTheEffectiveBase() throws {
        let equal = WeightedProportion((0..<100).map { (yes: $0 % 3 == 0, weight: 1.0) })
        let unequal = WeightedProportion((0..<100).map { (yes: $0 % 3 == 0, weight: $0 % 2 == 0 ? 3.0 : 1.0) })
        // Kish: n_eff = (Σw)² / Σw² = 200² / (50·9 + 50·1) = 80.
        #expect(abs(unequal.effectiveBase - 80) < 1e-9)
        #expect(try #require(unequal.high) - #require(unequal.low) > #require(equal.high) - #require(equal.low))
    }

    @Test func noValuesGiveNoEstimateAndNoCrash() {
        let p = WeightedProportion([])
        #expect(p.base == 0 && p.estimate == nil && p.low == nil)
    }

    @Test func quartersFollowTheCalendar() {
        let instant = ISO8601DateFormatter().date(from: "2026-10-01T00:00:00Z")!
        #expect(DashboardSurvey.quarter(of: instant) == "2026-Q4")
        #expect(DashboardSurvey.quarter(of: instant.addingTimeInterval(-1)) == "2026-Q3")
    }

    @Test func smallBasesAreSuppressedAndGroupsUseTheLatestQuarter() {
        var cases: [DashboardCase] = []
        for i in 0..<120 {
            cases.append(DashboardCase(caseID: "C\(i)", quarter: i < 60 ? "2026-Q1" : "2026-Q2", anyOnline: i % 4 == 0,
                                       weight: 1, groups: ["borough": i % 2 == 0 ? "Camden" : "Hackney"]))
        }
        let survey = DashboardSurvey(name: "bas", questionnaireID: "bas", cases: cases, weighted: false)
        let d = Dashboard(surveys: [survey])
        #expect(d.headline.map(\.quarter) == ["2026-Q1", "2026-Q2"])
        #expect(d.headline.allSatisfy { !$0.suppressed })
        let groups = d.figures.filter { $0.group.hasPrefix("borough") }
        #expect(groups.map(\.group) == ["borough: Camden", "borough: Hackney"])
        #expect(groups.allSatisfy { $0.quarter == "2026-Q2" && $0.suppressed && $0.proportion.base == 30 })
    }
}
