import FieldworkChecker

/// An interview's answers, by question occurrence. Behaves like a dictionary from `InstanceKey`
/// to `StoredAnswer`, with value semantics (copy on write).
///
/// Every condition the engine evaluates reads answers, so reading must cost no hashing and no
/// reference counting: answers to questions outside loops (most of them) sit in a plain buffer by
/// question index, only answers inside loops are kept by key in a table, and evaluation reads the
/// storage directly (see `EvaluationScope`).
public struct AnswerBook: Hashable, Sendable, Sequence {
    private var storage: Storage

    public init() { storage = Storage(capacity: 0) }

    /// Room for every question of an instrument, so no answer regrows the buffer.
    init(questionCount: Int) { storage = Storage(capacity: questionCount) }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    public subscript(key: InstanceKey) -> StoredAnswer? {
        get { storage.answer(key) }
        set {
            makeUnique(room: key.iteration == .none ? Int(key.item) + 1 : 0)
            storage.set(newValue, for: key)
        }
    }

    /// Whether the answer on record for `key` is active.
    func isActive(_ key: InstanceKey) -> Bool { storage.isActive(key) }

    /// The response of an active answer, or nil (none, or off-path).
    func activeResponse(_ key: InstanceKey) -> Response? { storage.activeResponse(key) }

    /// Changes the status of a recorded answer in place; false when there is none.
    @discardableResult
    mutating func setStatus(_ status: AnswerStatus, for key: InstanceKey) -> Bool {
        guard storage.answer(key) != nil else { return false }
        makeUnique(room: 0)
        storage.setStatus(status, for: key)
        return true
    }

    /// The storage, for evaluation, which reads it many times and never writes.
    var readOnlyStorage: Storage { storage }

    public var keys: [InstanceKey] { map(\.key) }
    public var values: [StoredAnswer] { map(\.value) }

    /// Answers in question order (loop passes after the unlooped answers).
    public func makeIterator() -> IndexingIterator<[(key: InstanceKey, value: StoredAnswer)]> {
        storage.all().makeIterator()
    }

    public static func == (a: AnswerBook, b: AnswerBook) -> Bool {
        a.storage === b.storage || (a.count == b.count && a.storage.all().elementsEqual(b.storage.all()) { $0.key == $1.key && $0.value == $1.value })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (key, value) in self {
            hasher.combine(key)
            hasher.combine(value)
        }
    }

    private mutating func makeUnique(room: Int) {
        if !isKnownUniquelyReferenced(&storage) || storage.capacity < room {
            storage = storage.copy(capacity: Swift.max(storage.capacity, room))
        }
    }

    /// The buffers behind an answer book. Fields are `let` pointers so that reads go straight to
    /// memory with no exclusivity bookkeeping; only `AnswerBook` writes, and only when it holds the
    /// sole reference.
    final class Storage: @unchecked Sendable {
        let capacity: Int
        /// By question index, for occurrences outside any loop (`Iteration.none`).
        private let unlooped: UnsafeMutablePointer<StoredAnswer?>
        private let looped: UnsafeMutablePointer<[InstanceKey: StoredAnswer]>
        private let counter: UnsafeMutablePointer<Int>

        init(capacity: Int) {
            self.capacity = capacity
            unlooped = .allocate(capacity: Swift.max(1, capacity))
            unlooped.initialize(repeating: nil, count: capacity)
            looped = .allocate(capacity: 1)
            looped.initialize(to: [:])
            counter = .allocate(capacity: 1)
            counter.initialize(to: 0)
        }

        deinit {
            unlooped.deinitialize(count: capacity)
            unlooped.deallocate()
            looped.deinitialize(count: 1)
            looped.deallocate()
            counter.deallocate()
        }

        var count: Int { counter.pointee }

        func copy(capacity newCapacity: Int) -> Storage {
            let c = Storage(capacity: newCapacity)
            for i in 0..<capacity { c.unlooped[i] = unlooped[i] }
            c.looped.pointee = looped.pointee
            c.counter.pointee = counter.pointee
            return c
        }

        @inline(__always)
        func answer(_ key: InstanceKey) -> StoredAnswer? {
            if key.iteration == .none {
                let i = Int(key.item)
                return i < capacity ? unlooped[i] : nil
            }
            return looped.pointee[key]
        }

        @inline(__always)
        func isActive(_ key: InstanceKey) -> Bool {
            if key.iteration == .none {
                let i = Int(key.item)
                return i < capacity && unlooped[i]?.status == .active
            }
            return looped.pointee[key]?.status == .active
        }

        @inline(__always)
        func activeResponse(_ key: InstanceKey) -> Response? {
            if key.iteration == .none {
                let i = Int(key.item)
                guard i < capacity, unlooped[i]?.status == .active else { return nil }
                return unlooped[i]?.response
            }
            guard let a = looped.pointee[key], a.status == .active else { return nil }
            return a.response
        }

        func set(_ value: StoredAnswer?, for key: InstanceKey) {
            let had: Bool
            if key.iteration == .none {
                let i = Int(key.item)
                had = unlooped[i] != nil
                unlooped[i] = value
            } else if let value {
                had = looped.pointee.updateValue(value, forKey: key) != nil
            } else {
                had = looped.pointee.removeValue(forKey: key) != nil
            }
            counter.pointee += (value != nil ? 1 : 0) - (had ? 1 : 0)
        }

        func setStatus(_ status: AnswerStatus, for key: InstanceKey) {
            if key.iteration == .none {
                unlooped[Int(key.item)]?.status = status
            } else {
                looped.pointee[key]?.status = status
            }
        }

        func all() -> [(key: InstanceKey, value: StoredAnswer)] {
            var out: [(key: InstanceKey, value: StoredAnswer)] = []
            out.reserveCapacity(count)
            for i in 0..<capacity {
                if let a = unlooped[i] { out.append((InstanceKey(item: i, iteration: .none), a)) }
            }
            for key in looped.pointee.keys.sorted() { out.append((key, looped.pointee[key]!)) }
            return out
        }
    }
}
