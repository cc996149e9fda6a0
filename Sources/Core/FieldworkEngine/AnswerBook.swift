import FieldworkChecker
import FieldworkExpressions

/// An interview's answers, by question occurrence. Behaves like a dictionary from `InstanceKey`
/// to `StoredAnswer`, with value semantics (copy on write).
///
/// Every condition the engine evaluates reads answers, so reading must cost no hashing and no
/// reference counting: each occurrence has a numbered slot (`Instrument.answerSlots`) in a plain
/// buffer, and only occurrences without one (loops too large to number) are kept by key.
public struct AnswerBook: Hashable, Sendable, Sequence {
    private var storage: Storage

    /// An empty book shares one empty storage; the first write gives it its own.
    public init() { storage = Self.emptyStorage }
    private static let emptyStorage = Storage(slots: nil, questions: 0, computed: 0)

    /// A slot for every occurrence the instrument can have, and room to remember its computed values.
    init(for instrument: Instrument) {
        storage = Storage(slots: instrument.answerSlots, questions: instrument.questions.count, computed: instrument.computed.count)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.count == 0 }

    public subscript(key: InstanceKey) -> StoredAnswer? {
        get { storage.answer(key) }
        set {
            makeUnique()
            storage.set(newValue, for: key)
        }
    }

    /// Records an active answer: what the engine does at every step, without building a
    /// `StoredAnswer` or touching the confirmations when there are none.
    mutating func recordActive(_ response: Response, for key: InstanceKey, confirmations: [SoftCheckConfirmation]) {
        makeUnique()
        storage.setActive(response, for: key, confirmations: confirmations)
    }

    /// Whether the answer on record for `key` is active.
    func isActive(_ key: InstanceKey) -> Bool { storage.isActive(key) }

    /// The response of an active answer, or nil (none, or off-path).
    func activeResponse(_ key: InstanceKey) -> Response? { storage.activeResponse(key) }

    /// Changes the status of a recorded answer in place; false when there is none.
    @discardableResult
    mutating func setStatus(_ status: AnswerStatus, for key: InstanceKey) -> Bool {
        guard storage.contains(key) else { return false }
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

    /// Makes sure no copy shares the storage, so that evaluation may remember computed values in it.
    mutating func prepareForWalk() { makeUnique() }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Forgets every answer but keeps the buffers, for a caller that runs many interviews in turn.
    mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) { storage.removeAll() } else { storage = storage.emptied() }
    }

    /// The buffers behind an answer book. Fields are `let` pointers so that reads go straight to
    /// memory with no exclusivity bookkeeping; only `AnswerBook` writes, and only when it holds the
    /// sole reference. Slots hold just the response and its status; the rare soft-check
    /// confirmations sit in a side table, so that copying and releasing answers stays cheap.
    ///
    /// The storage also remembers computed values. Each question has a version, raised whenever
    /// one of its answers changes; a remembered value carries the sum of the versions of the
    /// questions it depends on, and stands only while that sum is unchanged. Values are written
    /// only by the engine's walk, which holds the sole reference, so readers never race a writer.
    final class Storage: @unchecked Sendable {
        struct Remembered {
            var stamp: UInt64
            var iteration: LoopPass
            var value: RuntimeValue
        }

        struct Entry {
            var response: Response
            var status: AnswerStatus
        }

        let slots: AnswerSlots?
        private let capacity: Int
        /// By slot.
        private let slotted: UnsafeMutablePointer<Entry?>
        /// Occurrences without a slot.
        private let keyed: UnsafeMutablePointer<[InstanceKey: Entry]>
        private let confirmations: UnsafeMutablePointer<[InstanceKey: [SoftCheckConfirmation]]>
        private let counter: UnsafeMutablePointer<Int>
        private let questionCount: Int
        private let versions: UnsafeMutablePointer<UInt64>
        private let computedCount: Int
        private let remembered: UnsafeMutablePointer<Remembered?>

        init(slots: AnswerSlots?, questions: Int, computed: Int) {
            self.slots = slots
            questionCount = questions
            versions = .allocate(capacity: Swift.max(1, questions))
            versions.initialize(repeating: 0, count: questions)
            computedCount = computed
            remembered = .allocate(capacity: Swift.max(1, computed))
            remembered.initialize(repeating: nil, count: computed)
            capacity = slots?.count ?? 0
            slotted = .allocate(capacity: Swift.max(1, capacity))
            slotted.initialize(repeating: nil, count: capacity)
            keyed = .allocate(capacity: 1)
            keyed.initialize(to: [:])
            confirmations = .allocate(capacity: 1)
            confirmations.initialize(to: [:])
            counter = .allocate(capacity: 1)
            counter.initialize(to: 0)
        }

        deinit {
            // Most slots stay empty: release only the occupied ones rather than every element.
            for i in 0..<capacity where slotted[i] != nil { (slotted + i).deinitialize(count: 1) }
            slotted.deallocate()
            keyed.deinitialize(count: 1)
            keyed.deallocate()
            confirmations.deinitialize(count: 1)
            confirmations.deallocate()
            counter.deallocate()
            versions.deallocate()
            remembered.deinitialize(count: computedCount)
            remembered.deallocate()
        }

        /// A new, empty storage for the same instrument.
        func emptied() -> Storage { Storage(slots: slots, questions: questionCount, computed: computedCount) }

        var count: Int { counter.pointee }

        func copy() -> Storage {
            let c = emptied()
            c.versions.update(from: versions, count: questionCount)
            c.remembered.update(from: remembered, count: computedCount)
            c.slotted.update(from: slotted, count: capacity)
            c.keyed.pointee = keyed.pointee
            c.confirmations.pointee = confirmations.pointee
            c.counter.pointee = counter.pointee
            return c
        }

        func removeAll() {
            for i in 0..<capacity where slotted[i] != nil { slotted[i] = nil }
            if !keyed.pointee.isEmpty { keyed.pointee = [:] }
            if !confirmations.pointee.isEmpty { confirmations.pointee = [:] }
            counter.pointee = 0
            // A new interview (another sample): nothing remembered holds any more.
            for i in 0..<computedCount where remembered[i] != nil { remembered[i] = nil }
        }

        @inline(__always)
        private func slot(_ key: InstanceKey) -> Int? { slots?.slot(of: key) }

        @inline(__always)
        private func entry(_ key: InstanceKey) -> Entry? {
            if let i = slot(key) { return slotted[i] }
            return keyed.pointee.isEmpty ? nil : keyed.pointee[key]
        }

        func contains(_ key: InstanceKey) -> Bool { entry(key) != nil }

        func answer(_ key: InstanceKey) -> StoredAnswer? {
            guard let e = entry(key) else { return nil }
            let confirmed = confirmations.pointee.isEmpty ? [] : (confirmations.pointee[key] ?? [])
            return StoredAnswer(response: e.response, status: e.status, confirmations: confirmed)
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
            guard !keyed.pointee.isEmpty, let e = keyed.pointee[key], e.status == .active else { return nil }
            return e.response
        }

        func set(_ value: StoredAnswer?, for key: InstanceKey) {
            let entry = value.map { Entry(response: $0.response, status: $0.status) }
            let had: Bool
            if let i = slot(key) {
                had = slotted[i] != nil
                slotted[i] = entry
            } else if let entry {
                had = keyed.pointee.updateValue(entry, forKey: key) != nil
            } else {
                had = keyed.pointee.removeValue(forKey: key) != nil
            }
            if let checks = value?.confirmations, !checks.isEmpty {
                confirmations.pointee[key] = checks
            } else if had && !confirmations.pointee.isEmpty {
                // Only an answer already on record can have confirmations to drop.
                confirmations.pointee.removeValue(forKey: key)
            }
            counter.pointee += (value != nil ? 1 : 0) - (had ? 1 : 0)
            changed(key)
        }

        @inline(__always)
        private func changed(_ key: InstanceKey) {
            let q = Int(key.item)
            if q < questionCount { versions[q] &+= 1 }
        }

        /// The sum of the versions of `questions`: unchanged exactly while none of their answers changes.
        @inline(__always)
        func stamp(_ questions: ArraySlice<Int32>) -> UInt64 {
            var sum: UInt64 = 0
            for q in questions where Int(q) < questionCount { sum &+= versions[Int(q)] }
            return sum
        }

        @inline(__always)
        func remembered(_ c: Int, iteration: LoopPass, stamp: UInt64) -> RuntimeValue? {
            guard c < computedCount, let r = remembered[c], r.stamp == stamp, r.iteration == iteration else { return nil }
            return r.value
        }

        func remember(_ c: Int, iteration: LoopPass, stamp: UInt64, value: RuntimeValue) {
            guard c < computedCount else { return }
            remembered[c] = Remembered(stamp: stamp, iteration: iteration, value: value)
        }

        func setActive(_ response: Response, for key: InstanceKey, confirmations checks: [SoftCheckConfirmation]) {
            let had: Bool
            if let i = slot(key) {
                had = slotted[i] != nil
                slotted[i] = Entry(response: response, status: .active)
            } else {
                had = keyed.pointee.updateValue(Entry(response: response, status: .active), forKey: key) != nil
            }
            if !checks.isEmpty {
                confirmations.pointee[key] = checks.sorted { $0.check < $1.check }
            } else if had && !confirmations.pointee.isEmpty {
                confirmations.pointee.removeValue(forKey: key)
            }
            if !had { counter.pointee += 1 }
            changed(key)
        }

        func setStatus(_ status: AnswerStatus, for key: InstanceKey) {
            if let i = slot(key) {
                slotted[i]?.status = status
            } else {
                keyed.pointee[key]?.status = status
            }
            changed(key)
        }

        /// Every answer, in key order.
        func all() -> [(key: InstanceKey, value: StoredAnswer)] {
            var keys: [InstanceKey] = []
            keys.reserveCapacity(count)
            if capacity > 0, let slots {
                for (key, i) in slots.occurrences() where slotted[i] != nil { keys.append(key) }
            }
            keys += keyed.pointee.keys
            keys.sort()
            return keys.map { ($0, answer($0)!) }
        }
    }
}
