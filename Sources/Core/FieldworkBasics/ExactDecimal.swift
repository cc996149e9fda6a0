/// The exact decimal value of a finite double, digit by digit.
///
/// Every finite double is `m × 2^e` for whole numbers `m` and `e`, and so has a finite decimal
/// expansion: `m × 2^e` when `e ≥ 0`, and `m × 5^-e / 10^-e` when `e < 0`. Rounding that expansion
/// as a decimal string is how `printf` decides "%.1f" of 0.15 (really 0.1499999999999999944…) is
/// "0.1" and of 0.25 (exact, a tie) is "0.2". Doing it here, without Foundation, lets the pure core
/// and every shell write statistics the way analysts' own tools do.
///
/// The arithmetic is a small unsigned big number in base 10⁹ (the largest double needs 309 digits,
/// the smallest subnormal 751 significant ones), so each expansion costs microseconds: fine for
/// reports and screens, which write hundreds of figures, not millions.
struct ExactDecimal: Equatable {
    /// Decimal digits, most significant first, each 0…9, without leading zeros ("0" is `[0]`).
    var digits: [UInt8]
    /// The power of ten of the last digit: the value is `digits × 10^exponent`.
    var exponent: Int
    /// The sign bit, kept for -0.0 and for negatives that round to zero (printf writes "-0.0").
    var isNegative: Bool

    /// The exact expansion of a finite `value`.
    init(_ value: Double) {
        precondition(value.isFinite, "ExactDecimal needs a finite number")
        isNegative = value.sign == .minus
        let bits = value.bitPattern
        let biased = Int((bits >> 52) & 0x7FF)
        let fraction = bits & ((1 << 52) - 1)
        let mantissa = biased == 0 ? fraction : fraction | (1 << 52)
        let binaryExponent = biased == 0 ? -1074 : biased - 1075
        guard mantissa != 0 else {
            digits = [0]
            exponent = 0
            return
        }
        var number = BaseBillion(mantissa)
        if binaryExponent >= 0 {
            number.multiply(byPowerOf: 2, count: binaryExponent)
            exponent = 0
        } else {
            number.multiply(byPowerOf: 5, count: -binaryExponent)
            exponent = binaryExponent
        }
        digits = number.decimalDigits()
        // Trailing zeros carry no information; dropping them keeps rounding loops short.
        while digits.count > 1, digits.last == 0 {
            digits.removeLast()
            exponent += 1
        }
    }

    /// The power of ten of the first (most significant) digit: 2 for 123.4, -3 for 0.00123.
    var leadingPower: Int { digits.count - 1 + exponent }

    /// The value rounded to a whole number of `10^-places` units, ties to even: the digits of that
    /// whole number (without leading zeros, "0" for zero).
    func units(places: Int) -> [UInt8] {
        let shift = exponent + places
        if shift >= 0 {
            return digits == [0] ? [0] : digits + Array(repeating: 0, count: shift)
        }
        let dropped = -shift
        if dropped > digits.count {
            return [0]  // below half a unit: the first dropped digit is an implied 0
        }
        var kept = Array(digits[0..<(digits.count - dropped)])
        let first = digits[digits.count - dropped]
        let restNonZero = digits[(digits.count - dropped + 1)...].contains { $0 != 0 }
        let roundsUp: Bool
        if first > 5 || (first == 5 && restNonZero) {
            roundsUp = true
        } else if first == 5 {
            roundsUp = (kept.last ?? 0) % 2 == 1  // an exact tie: to even
        } else {
            roundsUp = false
        }
        if roundsUp { Self.increment(&kept) }
        return kept.isEmpty ? [0] : kept
    }

    private static func increment(_ digits: inout [UInt8]) {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] == 9 {
                digits[index] = 0
                index -= 1
            } else {
                digits[index] += 1
                return
            }
        }
        digits.insert(1, at: 0)
    }
}

/// A non-negative whole number as little-endian limbs of nine decimal digits each.
private struct BaseBillion {
    private static let base: UInt64 = 1_000_000_000
    private var limbs: [UInt64]

    init(_ value: UInt64) {
        limbs = []
        var rest = value
        repeat {
            limbs.append(rest % Self.base)
            rest /= Self.base
        } while rest > 0
    }

    /// Multiplies by `factor^count` for factor 2 or 5, in steps that keep each product in 64 bits.
    mutating func multiply(byPowerOf factor: UInt64, count: Int) {
        let perStep = factor == 2 ? 29 : 13  // 2^29 and 5^13 are both below 2^31
        var remaining = count
        while remaining > 0 {
            let step = Swift.min(perStep, remaining)
            var multiplier: UInt64 = 1
            for _ in 0..<step { multiplier *= factor }
            multiply(by: multiplier)
            remaining -= step
        }
    }

    private mutating func multiply(by multiplier: UInt64) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * multiplier + carry
            limbs[index] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 {
            limbs.append(carry % Self.base)
            carry /= Self.base
        }
    }

    func decimalDigits() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(limbs.count * 9)
        for (position, limb) in limbs.reversed().enumerated() {
            var chunk = [UInt8](repeating: 0, count: 9)
            var rest = limb
            for index in stride(from: 8, through: 0, by: -1) {
                chunk[index] = UInt8(rest % 10)
                rest /= 10
            }
            if position == 0 {
                out.append(contentsOf: chunk.drop { $0 == 0 })
            } else {
                out.append(contentsOf: chunk)
            }
        }
        return out.isEmpty ? [0] : out
    }
}
