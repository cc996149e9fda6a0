import FieldworkChecker
import FieldworkEngine

/// The answers on an interview's path, looked up by occurrence. A sorted array searched by
/// binary search on a packed integer key rather than a `Dictionary`: an export looks up every
/// planned column of every row (millions of lookups), and hashing each key cost more than the
/// lookup itself.
public struct PathAnswers: Sendable {
    private var keys: [UInt64] = []
    private var responses: [Response] = []

    /// Later entries for the same occurrence replace earlier ones, as assigning into a dictionary would.
    public init(_ answers: [(key: InstanceKey, response: Response)]) {
        let sorted = answers.enumerated().sorted { a, b in
            let (ka, kb) = (a.element.key.packed, b.element.key.packed)
            return ka != kb ? ka < kb : a.offset < b.offset
        }
        keys.reserveCapacity(sorted.count)
        responses.reserveCapacity(sorted.count)
        for entry in sorted {
            let key = entry.element.key.packed
            if keys.last == key {
                responses[responses.count - 1] = entry.element.response
            } else {
                keys.append(key)
                responses.append(entry.element.response)
            }
        }
    }

    public var count: Int { keys.count }

    public subscript(key: InstanceKey) -> Response? {
        let wanted = key.packed
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < wanted { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == wanted ? responses[low] : nil
    }
}
