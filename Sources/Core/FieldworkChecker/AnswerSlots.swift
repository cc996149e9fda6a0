/// A numbered place for every occurrence a question can have: a question outside loops has one,
/// a question inside a loop one per possible pass (per combination of passes when nested). The
/// engine keeps answers in an array by slot, so reading an answer is arithmetic, not hashing.
///
/// Loops bound their passes (a forEach loop by its frame, a count loop by its maximum), so the
/// slots are known before any interview starts. Questions whose slots would be too many (deeply
/// nested loops with large maxima) get none, and the engine keeps their answers by key instead.
public struct AnswerSlots: Sendable {
    /// Per question: the first slot and, per enclosing loop (outermost first), the pass limit and
    /// the stride between passes. A base of -1 means the question has no slots.
    @usableFromInline
    struct Rule: Sendable {
        @usableFromInline var base: Int32 = -1
        @usableFromInline var depth: Int32 = 0
        @usableFromInline var limits: (Int32, Int32, Int32) = (0, 0, 0)
        @usableFromInline var strides: (Int32, Int32, Int32) = (0, 0, 0)
    }

    @usableFromInline let rules: [Rule]
    /// Slots in all.
    public let count: Int

    /// At most this many slots per instrument (about 80 KB per interview): every interview, and
    /// every replay during an export, allocates them all, so questions in very large loops keep
    /// their answers by key instead.
    public static let limit = 2048

    init(questions: [QuestionInfo], loops: [LoopInfo]) {
        var rules: [Rule] = []
        rules.reserveCapacity(questions.count)
        var next = 0
        for info in questions {
            var rule = Rule()
            let passLimits = info.loops.map { l in Swift.max(0, loops[l].frame?.options.count ?? loops[l].maxIterations) }
            let size = passLimits.reduce(1) { $0 > Self.limit ? $0 : $0 * $1 }
            if passLimits.count <= LoopPass.maxDepth, size >= 1, next + size <= Self.limit {
                rule.base = Int32(next)
                rule.depth = Int32(passLimits.count)
                var step = 1
                var limits: [Int32] = [0, 0, 0]
                var strides: [Int32] = [0, 0, 0]
                for level in stride(from: passLimits.count - 1, through: 0, by: -1) {
                    limits[level] = Int32(passLimits[level])
                    strides[level] = Int32(step)
                    step *= passLimits[level]
                }
                rule.limits = (limits[0], limits[1], limits[2])
                rule.strides = (strides[0], strides[1], strides[2])
                next += size
            }
            rules.append(rule)
        }
        self.rules = rules
        self.count = next
    }

    /// The slot of an occurrence, or nil when its question has no slots or the pass is outside the
    /// loop's bounds (for example an unindexed loop question read from outside its loop).
    @inlinable @inline(__always)
    public func slot(of key: InstanceKey) -> Int? {
        let item = Int(key.item)
        guard item >= 0, item < rules.count else { return nil }
        let rule = rules[item]
        guard rule.base >= 0 else { return nil }
        var slot = Int(rule.base)
        let packed = key.iteration.packed
        if rule.depth == 0 { return packed == 0 ? slot : nil }
        let n0 = Int(packed & 0x3FF)
        guard n0 >= 1, n0 <= Int(rule.limits.0) else { return nil }
        slot += (n0 - 1) * Int(rule.strides.0)
        if rule.depth == 1 { return packed >> 10 == 0 ? slot : nil }
        let n1 = Int((packed >> 10) & 0x3FF)
        guard n1 >= 1, n1 <= Int(rule.limits.1) else { return nil }
        slot += (n1 - 1) * Int(rule.strides.1)
        if rule.depth == 2 { return packed >> 20 == 0 ? slot : nil }
        let n2 = Int((packed >> 20) & 0x3FF)
        guard n2 >= 1, n2 <= Int(rule.limits.2) else { return nil }
        return slot + (n2 - 1) * Int(rule.strides.2)
    }

    /// Every slot with the occurrence it holds, in slot order (which is key order).
    public func occurrences() -> [(key: InstanceKey, slot: Int)] {
        var out: [(key: InstanceKey, slot: Int)] = []
        out.reserveCapacity(count)
        for (item, rule) in rules.enumerated() where rule.base >= 0 {
            let limits = [rule.limits.0, rule.limits.1, rule.limits.2].prefix(Int(rule.depth)).map(Int.init)
            var passes = [Int](repeating: 1, count: limits.count)
            var slot = Int(rule.base)
            while true {
                out.append((InstanceKey(item: item, iteration: LoopPass(passes)), slot))
                slot += 1
                // Next combination, innermost loop fastest (the stride order).
                var level = limits.count - 1
                while level >= 0 {
                    if passes[level] < limits[level] { passes[level] += 1; break }
                    passes[level] = 1
                    level -= 1
                }
                if level < 0 { break }
            }
        }
        return out
    }

    /// Whether a question keeps its answers by key rather than in slots.
    public func isKeyed(question: Int) -> Bool { question >= rules.count || rules[question].base < 0 }
}
