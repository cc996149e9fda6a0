import Foundation
import Testing
@testable import FieldworkCases

/// The outcomes added for the call room: language barrier (2.33), respondent ill or incapable (2.32),
/// duplicate listing (4.92) and business moved out of area (4.11), and where they count in the rates.
@Suite struct NewOutcomeCodesTests {
    @Test func eachNewOutcomeFallsInItsRateGroup() {
        #expect(RateGroup(code: try! #require(CallOutcome.languageBarrier.finalDisposition).code) == .O)
        #expect(RateGroup(code: CallOutcome.respondentUnable.finalDisposition!.code) == .O)
        #expect(RateGroup(code: CallOutcome.duplicateListing.finalDisposition!.code) == .NE)
        #expect(RateGroup(code: CallOutcome.movedOutOfArea.finalDisposition!.code) == .NE)
        #expect(CallOutcome.languageBarrier.confirmsEligibility && CallOutcome.respondentUnable.confirmsEligibility)
        #expect(!CallOutcome.duplicateListing.confirmsEligibility && !CallOutcome.movedOutOfArea.confirmsEligibility)
        for code in ["2.32", "2.33", "4.11", "4.92"] {
            #expect(AAPORDisposition.all.contains { $0.code == code }, "\(code) missing from AAPORDisposition.all")
        }
    }

    /// Ten cases: 2 complete, 1 refusal, 1 language barrier, 1 ill, 1 duplicate, 1 moved, 1 ceased, 2 never called.
    /// The rates from the store's counts are checked against the AAPOR formulas written out here.
    @Test(arguments: StoreKind.underTest) func storeRatesCountTheNewCodesWhereAAPORPutsThem(_ kind: StoreKind) throws {
        let ids = (1...10).map { "N\($0)" }
        let store = try makeStore(kind, ids: ids)
        let now = at("2025-10-20T10:00")
        let outcomes: [CallOutcome] = [.interviewComplete, .interviewComplete, .hardRefusal, .languageBarrier,
                                       .respondentUnable, .duplicateListing, .movedOutOfArea, .ceasedTrading]
        for (id, outcome) in zip(ids, outcomes) { try store.record(id, outcome, at: now) }
        let counts = try store.statusCounts(now: now)
        var codes: [String: Int] = [:]
        for (d, n) in counts.byDisposition { codes[d.code, default: 0] += n }
        for (d, n) in counts.byInterimDisposition { codes[d.code, default: 0] += n }
        #expect(codes["2.33"] == 1 && codes["2.32"] == 1 && codes["4.92"] == 1 && codes["4.11"] == 1)
        let rates = ResponseRates(codeCounts: codes)
        // Independently: I=2, R=1, O=2 (2.32, 2.33), NE=3 (4.11, 4.91, 4.92), two fresh open cases are
        // interim 3.11 (UH=2). D = 2+1+2 = 5, U = 2, e = 5 / (5+3).
        let i = 2.0, r = 1.0, o = 2.0, d = 5.0, u = 2.0, e = 5.0 / 8.0
        #expect(abs(rates["RR1"]! - i / (d + u)) < 1e-12)
        #expect(abs(rates["RR3"]! - i / (d + e * u)) < 1e-12)
        #expect(abs(rates["COOP1"]! - i / (i + r + o)) < 1e-12)
        #expect(abs(rates["CON1"]! - (i + r + o) / (d + u)) < 1e-12)
        #expect(abs(rates["REF3"]! - r / d) < 1e-12)
    }
}
