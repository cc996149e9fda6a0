import FieldworkBasics
import FieldworkDiagnostics
import Testing

/// The banded distance behind "did you mean" agrees with the full Levenshtein table wherever the
/// answer is within its limit, and says "too far" (nil) exactly where it is not.
@Suite("Near misses")
struct NearMissTests {
    @Test func theBandedDistanceAgreesWithTheFullTable() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let alphabet = Array("abcé_1".unicodeScalars)
        for _ in 0..<3_000 {
            let a = String(String.UnicodeScalarView((0..<next(9)).map { _ in alphabet[next(alphabet.count)] }))
            var b = Array(a.unicodeScalars)
            for _ in 0..<next(5) {
                switch next(3) {
                case 0 where !b.isEmpty: b.remove(at: next(b.count))
                case 1: b.insert(alphabet[next(alphabet.count)], at: next(b.count + 1))
                default: if !b.isEmpty { b[next(b.count)] = alphabet[next(alphabet.count)] }
                }
            }
            let full = NearMiss.editDistance(a, String(String.UnicodeScalarView(b)))
            for limit in 0...3 {
                let banded = NearMiss.distance(Array(a.unicodeScalars), b, atMost: limit)
                #expect(banded == (full <= limit ? full : nil), "\(a) → \(String(String.UnicodeScalarView(b))) limit \(limit): full \(full)")
            }
        }
    }

    @Test func theClosestCandidateWinsAndTiesKeepTheFirst() {
        #expect(NearMiss.suggestion(for: "burglery", among: ["robbery", "burglary", "burglars"]) == "burglary")
        #expect(NearMiss.suggestion(for: "abcd", among: ["abce", "abcf"]) == "abce")
        #expect(NearMiss.suggestion(for: "ABCD", among: ["xyz", "abcd"]) == "abcd")
        #expect(NearMiss.suggestion(for: "zzzzzz", among: ["abcdef"]) == nil)
    }
}
