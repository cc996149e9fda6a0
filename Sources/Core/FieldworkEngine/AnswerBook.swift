import FieldworkChecker

/// An interview's answers, by question occurrence. Behaves like a dictionary from `InstanceKey`
/// to `StoredAnswer`, with value semantics (copy on write).
///
/// Every condition the engine evaluates reads answers, so reading must cost no hashing and no
/// reference counting: each occurrence has a numbered slot (`Instrument.answerSlots`) in a plain
/// buffer, and only occurrences without one (loops too large to number) are kept by key.
public struct AnswerBook: Hashable, Sendable, Sequence {
    private var storage: Storage

    public init() { storage = Storage(slots: nil) }

    /// A slot for every occurrence the instrument can have.
    init(slots: AnswerSlots) { storage = Storage(slots: slots) }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    public subscript(key: InstanceKey) -> StoredAnswer? {
        get { storage.answer(key) }
        set {
            makeUnique()
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
        makeUnique()
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

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The buffers behind an answer book. Fields are `let` pointers so that reads go straight to
    /// memory with no exclusivity bookkeeping; only `AnswerBook` writes, and only when it holds the
    /// sole reference.
    final class Storage: @unchecked Sendable {
        let slots: AnswerSlots?
        private let capacity: Int
        /// By slot.
        private let slotted: UnsafeMutablePointer<StoredAnswer?>
        /// Occurrences without a slot.
        private let keyed: UnsafeMutablePointer<[InstanceKey: StoredAnswer]>
        private let counter: UnsafeMutablePointer<Int>

        init(slots: AnswerSlots?) {
            self.slots = slots
            capacity = slots?.count ?? 0
            slotted = .allocate(capacity: Swift.max(1, capacity))
            slotted.initialize(repeating: nil, count: capacity)
            keyed = .allocate(capacity: 1)
            keyed.initialize(to: [:])
            counter = .allocate(capacity: 1)
            counter.initialize(to: 0)
        }

        deinit {
            // Most slots stay empty: release only the occupied ones rather than every element.
            for i in 0..<capacity where slotted[i] != nil { (slotted + i).deinitialize(count: 1) }
            slotted.deallocate()
            keyed.deinitialize(count: 1)
            keyed.deallocate()
            counter.deallocate()
        }

        var count: Int { counter.pointee }

        func copy() -> Storage {
            let c = Storage(slots: slots)
            c.slotted.update(from: slotted, count: capacity)
            c.keyed.pointee = keyed.pointee
            c.counter.pointee = counter.pointee
            return c
        }

        @inline(__always)
        private func slot(_ key: InstanceKey) -> Int? { slots?.slot(of: key) }

        @inline(__always)
        func answer(_ key: InstanceKey) -> StoredAnswer? {
            if let i = slot(key) { return slotted[i] }
            return keyed.pointee.isEmpty ? nil : keyed.pointee[key]
        }

        @inline(__always)
        func isActive(_ key: InstanceKey) -> Bool {
            if let i = slot(key) { return slotted[i]?.status == .active }
            return !keyed.pointee.isEmpty && keyed.pointee[key]?.status == .active
        }

        @inline(__always)
        func activeResponse(_ key: InstanceKey) -> Response? {
            if let i = slot(key) {
                guard slotted[i]?.status == .active else { return nil }
                return slotted[i]?.response
            }
            guard !keyed.pointee.isEmpty, let a = keyed.pointee[key], a.status == .active else { return nil }
            return a.response
        }

        func set(_ value: StoredAnswer?, for key: InstanceKey) {
            let had: Bool
            if let i = slot(key) {
                had = slotted[i] != nil
                slotted[i] = value
            } else if let value {
                had = keyed.pointee.updateValue(value, forKey: key) != nil
            } else {
                had = keyed.pointee.removeValue(forKey: key) != nil
            }
            counter.pointee += (value != nil ? 1 : 0) - (had ? 1 : 0)
        }

        func setStatus(_ status: AnswerStatus, for key: InstanceKey) {
            if let i = slot(key) {
                slotted[i]?.status = status
            } else {
                keyed.pointee[key]?.status = status
            }
        }

        /// Every answer, in key order.
        func all() -> [(key: InstanceKey, value: StoredAnswer)] {
            var out: [(key: InstanceKey, value: StoredAnswer)] = []
            out.reserveCapacity(count)
            if capacity > 0, let slots {
                // Slots are numbered in key order; recover each occupied slot's key by walking the rules.
                for (key, i) in slots.occurrences() { if let a = slotted[i] { out.append((key, a)) } }
            }
            for key in keyed.pointee.keys { out.append((key, keyed.pointee[key]!)) }
            out.sort { $0.key < $1.key }
            return out
        }
    }
}
