/// "Did you mean …?": the closest of some names to one that was not found, for messages that say
/// what to do. Shared by the questionnaire reader, the checker, the expression language and the
/// scenario reader.
public enum NearMiss {
    /// The candidate within a small edit distance of `name`, if there is a clear one.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        Candidates(candidates).suggestion(for: name)
    }

    /// Names prepared once (lowercased, measured) for many look-ups: a scenario with a million
    /// unknown names asks for a million suggestions among the same few hundred questions.
    public struct Candidates: Sendable {
        private let names: [String]
        private let lowered: [[Unicode.Scalar]]
        /// The largest edit distance a suggestion of each name may have (a third of its length, 1–3).
        private let limits: [Int]

        public init(_ candidates: some Sequence<String>) {
            names = Array(candidates)
            lowered = names.map { Array($0.lowercased().unicodeScalars) }
            limits = names.map { max(1, min(3, $0.count / 3)) }
        }

        /// The candidate within a small edit distance of `name`, if there is a clear one.
        public func suggestion(for name: String) -> String? {
            // The distance is at least the difference in length, and a suggestion needs at most 3:
            // a name far longer than every candidate (a 50 MB key) is never compared scalar by scalar.
            let length = name.unicodeScalars.prefix(10_000).count
            guard length < 10_000 else { return nil }
            var lowered: [Unicode.Scalar]?
            var best: (Int, Int)?
            for index in names.indices {
                let limit = limits[index]
                let scalars = self.lowered[index]
                guard abs(length - scalars.count) <= limit else { continue }
                // Only a distance better than the best so far matters.
                let bound = best.map { Swift.min(limit, $0.1 - 1) } ?? limit
                if lowered == nil { lowered = Array(name.lowercased().unicodeScalars) }
                guard bound >= 0, let d = NearMiss.distance(lowered!, scalars, atMost: bound) else { continue }
                best = (index, d)
                if d == 0 { break }
            }
            return best.map { names[$0.0] }
        }
    }

    /// The Levenshtein distance when it is at most `limit`, else nil: only the diagonal band of
    /// width 2 × limit + 1 is worked out, and the work stops once every cell of a row exceeds it.
    public static func distance(_ x: [Unicode.Scalar], _ y: [Unicode.Scalar], atMost limit: Int) -> Int? {
        guard abs(x.count - y.count) <= limit else { return nil }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let beyond = limit + 1
        var previous = (0...y.count).map { Swift.min($0, beyond) }
        var current = [Int](repeating: beyond, count: y.count + 1)
        for i in 1...x.count {
            let low = Swift.max(1, i - limit), high = Swift.min(y.count, i + limit)
            current[0] = i <= limit ? i : beyond
            if low > 1 { current[low - 1] = beyond }
            var rowBest = current[0]
            if low <= high {
                for j in low...high {
                    let cost = x[i - 1] == y[j - 1] ? 0 : 1
                    let value = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = Swift.min(value, beyond)
                    rowBest = Swift.min(rowBest, current[j])
                }
            }
            if high < y.count { current[high + 1] = beyond }
            if rowBest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[y.count] <= limit ? previous[y.count] : nil
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
