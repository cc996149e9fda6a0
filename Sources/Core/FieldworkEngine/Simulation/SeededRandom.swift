/// A small, fast, seedable generator (SplitMix64), so the same seed always gives the same
/// simulated interviews on every machine. The engine takes randomness only from here.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        p > 0 && Double(next() >> 11) * 0x1.0p-53 < p
    }

    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A generator for interview `n`, independent of how many draws earlier interviews made.
    public static func forInterview(seed: UInt64, index: Int) -> SeededRandom {
        var g = SeededRandom(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        _ = g.next()
        return g
    }
}
