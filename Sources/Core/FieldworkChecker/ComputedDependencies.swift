/// The questions each computed variable's value depends on, through any computed variables it
/// reads in turn. The engine remembers computed values and needs to know when one is stale: it
/// is stale exactly when an answer to one of these questions has changed.
///
/// Stored flat (one list after another) so that checking a value reads plain integers.
public struct ComputedDependencies: Sendable {
    @usableFromInline let starts: [Int32]
    @usableFromInline let questions: [Int32]

    init(computed: [ComputedInfo], symbols: [SymbolDefinition]) {
        var memo: [Int: Set<Int>] = [:]
        // The checker refuses cycles among computed variables, so this recursion ends; the
        // `visiting` guard only keeps a malformed instrument from looping.
        var visiting = Set<Int>()
        func dependencies(of c: Int) -> Set<Int> {
            if let known = memo[c] { return known }
            guard c < computed.count, !visiting.contains(c) else { return [] }
            visiting.insert(c)
            var out = Set<Int>()
            for symbol in computed[c].expression?.references ?? [] where symbol.raw < symbols.count {
                switch symbols[symbol.raw] {
                case .answer(let q, _, _): out.insert(q)
                case .computed(let other, _): out.formUnion(dependencies(of: other))
                case .sample, .preload, .loopItem, .interviewDate: break
                }
            }
            visiting.remove(c)
            memo[c] = out
            return out
        }
        var starts: [Int32] = [0]
        var questions: [Int32] = []
        for c in computed.indices {
            questions += dependencies(of: c).sorted().map(Int32.init)
            starts.append(Int32(questions.count))
        }
        self.starts = starts
        self.questions = questions
    }

    /// The questions computed variable `c` depends on, ascending.
    @inlinable
    public func questions(of c: Int) -> ArraySlice<Int32> {
        questions[Int(starts[c])..<Int(starts[c + 1])]
    }
}
