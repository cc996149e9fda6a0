/// Which pass through the enclosing loops an answer belongs to, packed into one integer so that
/// answer look-ups stay cheap. Each level holds a 1-based pass number (for a loop over a
/// multiple-choice answer: the option's position in its code frame, plus one).
public struct LoopPass: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Small and read on every answer look-up, so everything here is inlinable into the engine
    // (computed constants rather than stored statics, which cost a lazy-initialisation check).
    @inlinable public static var maxDepth: Int { 3 }
    @inlinable static var bits: UInt32 { 10 }
    @inlinable public static var maxPerLevel: Int { 1023 }

    public let packed: UInt32
    @inlinable public static var none: LoopPass { LoopPass(packed: 0) }

    @inlinable public init(packed: UInt32) { self.packed = packed }

    @inlinable public static func == (a: LoopPass, b: LoopPass) -> Bool { a.packed == b.packed }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(packed) }

    public init(_ numbers: [Int]) {
        var p: UInt32 = 0
        for (i, n) in numbers.enumerated() { p |= UInt32(n) << (UInt32(i) * Self.bits) }
        packed = p
    }

    @inlinable public var depth: Int {
        var d = 0
        while d < Self.maxDepth && number(at: d) != 0 { d += 1 }
        return d
    }

    /// The 1-based iteration number at `level` (0 = outermost), 0 when that level is absent.
    @inlinable @inline(__always) public func number(at level: Int) -> Int { Int((packed >> (UInt32(level) * Self.bits)) & 0x3FF) }

    public var numbers: [Int] { (0..<depth).map { number(at: $0) } }

    @inlinable public func appending(_ n: Int) -> LoopPass {
        LoopPass(packed: packed | (UInt32(n) << (UInt32(depth) * Self.bits)))
    }

    @inlinable @inline(__always) public func prefix(_ levels: Int) -> LoopPass {
        if levels >= Self.maxDepth { return self }
        return LoopPass(packed: packed & ((1 << (UInt32(levels) * Self.bits)) - 1))
    }

    public var description: String { numbers.map(String.init).joined(separator: ".") }

    public static func < (a: LoopPass, b: LoopPass) -> Bool {
        for l in 0..<maxDepth where a.number(at: l) != b.number(at: l) { return a.number(at: l) < b.number(at: l) }
        return false
    }
}

/// One occurrence of a question (or computed variable) in an interview: the node and the loop pass.
public struct InstanceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Index into `Instrument.questions` (or `.computed` for computed keys).
    public var item: Int32
    public var iteration: LoopPass
    @inlinable public init(item: Int, iteration: LoopPass) {
        self.item = Int32(item)
        self.iteration = iteration
    }
    public var description: String { iteration == .none ? "#\(item)" : "#\(item)[\(iteration)]" }

    /// Question and pass in one word, for hashing and for look-ups in sorted tables (its order
    /// groups by question but is not the order of `<`).
    @inlinable public var packed: UInt64 { UInt64(UInt32(bitPattern: item)) << 32 | UInt64(iteration.packed) }

    /// One word to hash instead of two.
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(packed) }

    @inlinable public static func == (a: InstanceKey, b: InstanceKey) -> Bool { a.item == b.item && a.iteration == b.iteration }
    public static func < (a: InstanceKey, b: InstanceKey) -> Bool {
        a.item != b.item ? a.item < b.item : a.iteration < b.iteration
    }
}
