/// What follows each line of a journal as far as interrupted writes are concerned, computed once
/// backwards over the parsed lines so that judging every fragment costs constant time.
///
/// An incomplete line in the middle of the file is a harmless crash trace only if nothing was
/// lost around it: its sequence number (when readable) is the one expected next, and the next
/// record, skipping further such fragments, continues with exactly that number. Walking forward
/// from every fragment made a run of n fragments cost n² steps (200,000 fragments took 15 s);
/// here each line's answer is built from the next line's.
struct FragmentRunsAhead {
    /// The sequence numbers readable in a run of record-start fragments.
    enum Hints: Equatable {
        case none
        case one(Int)
        case several

        func adding(_ hint: Int?) -> Hints {
            guard let hint else { return self }
            switch self {
            case .none: return .one(hint)
            case let .one(value): return value == hint ? self : .several
            case .several: return .several
            }
        }

        func allow(_ expected: Int) -> Bool {
            switch self {
            case .none: return true
            case let .one(value): return value == expected
            case .several: return false
            }
        }
    }

    /// For the run of record-start fragments beginning at each index (empty when the line there is
    /// something else): the hints it holds, and what ends it.
    private var hints: [Hints]
    /// The line that ends the run starting at each index: nil at the end of the file, otherwise
    /// the sequence number when it is a record, or -1 for anything else.
    private var ending: [Int?]

    init(_ parsed: [RecordLine.Parsed]) {
        hints = Array(repeating: .none, count: parsed.count + 1)
        ending = Array(repeating: nil, count: parsed.count + 1)
        for index in parsed.indices.reversed() {
            switch parsed[index] {
            case let .incomplete(hint, looksLikeRecordStart) where looksLikeRecordStart:
                hints[index] = hints[index + 1].adding(hint)
                ending[index] = ending[index + 1]
            case let .record(fields):
                ending[index] = fields.seq
            default:
                ending[index] = -1
            }
        }
    }

    /// Whether the fragment at `index` (with `seqHint`) is a repaired interruption when record
    /// `expected` is the one due next.
    func isRepairedInterruption(at index: Int, seqHint: Int?, expected: Int) -> Bool {
        if let seqHint, seqHint != expected { return false }
        let next = index + 1
        guard hints[next].allow(expected) else { return false }
        guard let end = ending[next] else { return true }
        return end == expected
    }
}
