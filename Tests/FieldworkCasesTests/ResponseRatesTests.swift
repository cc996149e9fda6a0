import Foundation
import Testing
@testable import FieldworkCases

@Suite struct ResponseRatesTests {
    @Test func codesFallIntoTheirGroups() {
        let groups: [String: RateGroup?] = [
            "1.1": .I, "1.2": .P, "2.11": .R, "2.12": .R, "2.10": .R, "2.20": .NC, "2.21": .NC, "2.221": .NC, "2.222": .NC,
            "2.31": .O, "2.35": .O, "3.11": .UH, "3.12": .UH, "3.16": .UH, "3.21": .UO, "3.90": .UO, "4.10": .NE, "4.31": .NE,
            "4.80": .NE, "4.91": .NE, "2.0": nil, "5.1": nil, "x": nil,
        ]
        for (code, group) in groups { #expect(RateGroup(code: code) == group, "\(code)") }
    }

    /// I=40, P=10, R=20 (15+5), NC=10 (6+4), O=5, UH=10 (8+2), UO=5, NE=15 (worked by hand):
    /// D = 85, U = 15, e = 85/100 = 0.85, eU = 12.75.
    @Test func handWorkedCounts() {
        let rates = ResponseRates(codeCounts: [
            "1.1": 40, "1.2": 10, "2.11": 15, "2.12": 5, "2.21": 6, "2.221": 4, "2.32": 5,
            "3.11": 8, "3.13": 2, "3.90": 5, "4.31": 10, "4.80": 5,
        ])
        #expect(rates.counts[.R] == 20)
        #expect(rates.counts[.NC] == 10)
        #expect(rates.counts.unknown == 15)
        #expect(rates.eligibility.value == 0.85)
        #expect(rates.eligibility.methodDescription == "proportional")
        let expected: [String: Double] = [
            "RR1": 40.0 / 100, "RR2": 50.0 / 100, "RR3": 40 / 97.75, "RR4": 50 / 97.75, "RR5": 40.0 / 85, "RR6": 50.0 / 85,
            "COOP1": 40.0 / 75, "COOP2": 50.0 / 75, "COOP3": 40.0 / 70, "COOP4": 50.0 / 70,
            "REF1": 20.0 / 100, "REF2": 20 / 97.75, "REF3": 20.0 / 85,
            "CON1": 75.0 / 100, "CON2": 75 / 97.75, "CON3": 75.0 / 85,
        ]
        #expect(rates.rates.map(\.name) == ["RR1", "RR2", "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4",
                                             "REF1", "REF2", "REF3", "CON1", "CON2", "CON3"])
        for (name, value) in expected {
            let actual = rates[name]
            #expect(actual != nil && abs(actual! - value) < 1e-12, "\(name): \(String(describing: actual)) vs \(value)")
        }
    }

    @Test func aFixedEReplacesTheEstimate() {
        let rates = ResponseRates(codeCounts: ["1.1": 10, "2.11": 10, "3.13": 20, "4.10": 60],
                                  eligibilityMethod: .fixed(0.5, source: "--e"))
        // Proportional would be 20/80; fixed 0.5 gives eU = 10.
        #expect(rates.eligibility.value == 0.5)
        #expect(rates.eligibility.methodDescription == "fixed by --e")
        #expect(rates["RR3"] == 10.0 / 30)
        #expect(rates["RR1"] == 10.0 / 40)
    }

    @Test func zeroDenominatorsGiveNil() {
        let allFresh = ResponseRates(codeCounts: ["3.11": 12])
        #expect(allFresh.eligibility.value == nil)
        #expect(allFresh["RR1"] == 0)
        #expect(allFresh["REF1"] == 0)
        for name in ["RR3", "RR4", "RR5", "RR6", "COOP1", "COOP2", "COOP3", "COOP4", "REF2", "REF3", "CON2", "CON3"] {
            #expect(allFresh[name] == nil, "\(name)")
        }
        let empty = ResponseRates(codeCounts: [:])
        #expect(empty.rates.allSatisfy { $0.value == nil })
        // No unknown-eligibility cases: e·U is 0 whatever e is, so RR3 equals RR1 even with e unknown.
        let ineligibleOnly = ResponseRates(codeCounts: ["4.31": 3])
        #expect(ineligibleOnly.eligibility.value == 0)
        #expect(ineligibleOnly["RR3"] == nil)
        let knownOnly = ResponseRates(codeCounts: ["1.1": 3, "2.11": 1])
        #expect(knownOnly["RR3"] == 0.75)
        #expect(knownOnly["RR1"] == 0.75)
    }

    @Test func unclassifiedCodesAreCountedApart() {
        let counts = OutcomeCounts(codeCounts: ["1.1": 2, "9.9": 3])
        #expect(counts.unclassified == 3)
        #expect(counts[.I] == 2)
    }
}
