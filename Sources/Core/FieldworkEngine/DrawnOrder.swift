import FieldworkModel

/// Random and rotated orders, drawn from the interview's seed. The same seed, the same thing
/// ordered (a question's options, a section's questions) and the same loop pass always give the
/// same order, on every machine: resuming, replaying and exporting an interview show what the
/// respondent was shown. Items that stay put keep their written place; the others are shuffled
/// (or rotated) among the remaining places.
public enum DrawnOrder {
    /// What is being ordered, so that options and questions draw independently.
    public enum Subject: Sendable {
        case options(questionID: String, pass: [Int])
        case questions(sectionID: String)
    }

    /// Written positions (0-based) in the order shown: `result[i]` is the item shown i-th.
    public static func positions(count: Int, staysPut: (Int) -> Bool, order: PresentationOrder,
                                 seed: UInt64, subject: Subject) -> [Int] {
        var out = Array(0..<count)
        guard order.isDrawn, count > 1 else { return out }
        let movable = (0..<count).filter { !staysPut($0) }
        guard movable.count > 1 else { return out }
        var generator = SeededRandom(seed: seed ^ salt(subject))
        _ = generator.next()
        var drawn = movable
        switch order {
        case .asWritten:
            break
        case .random:
            // Fisher–Yates.
            for i in stride(from: drawn.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                drawn.swapAt(i, j)
            }
        case .rotate:
            let start = Int(generator.next() % UInt64(drawn.count))
            drawn = Array(drawn[start...] + drawn[..<start])
        }
        for (place, position) in zip(movable, drawn) { out[place] = position }
        return out
    }

    /// FNV-1a over a spelling of the subject: stable across runs, unlike `Hasher`.
    static func salt(_ subject: Subject) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        switch subject {
        case .options(let id, let pass): mix("options:" + id + "[" + pass.map(String.init).joined(separator: ",") + "]")
        case .questions(let id): mix("questions:" + id)
        }
        return hash
    }

    /// Seeds go into journals as JSON numbers; below 2^53 every JSON reader keeps them exact.
    public static let seedLimit: UInt64 = 1 << 53
}
