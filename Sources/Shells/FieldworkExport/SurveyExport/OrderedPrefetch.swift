import Foundation

/// Computes `produce(0)`, `produce(1)`, … on background threads while the caller consumes the
/// results in order with `next()`: lets an export read, decode and replay the next journals on
/// every core while this thread writes rows. `workers` threads take the next index in turn; at
/// most `capacity` indices are handed out ahead of the one the consumer waits for, so memory stays
/// flat however many cases there are. The first error is handed over in its place in the order,
/// and no index after it is started, exactly as a plain loop would stop.
final class OrderedPrefetch<Value: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    /// Results produced and not yet taken, by index.
    private var ready: [Int: Result<Value, any Error>] = [:]
    /// The next index a worker will take.
    private var nextToProduce = 0
    /// The index the consumer takes next.
    private var nextToConsume = 0
    /// The first index whose production failed: nothing after it is started.
    private var failedAt: Int?
    private var runningWorkers: Int
    private var stopRequested = false
    private let capacity: Int
    private let count: Int

    init(count: Int, capacity: Int, workers: Int = 1, produce: @escaping @Sendable (Int) throws -> Value) {
        self.capacity = max(1, capacity)
        self.count = count
        let workers = max(1, workers)
        runningWorkers = workers
        for _ in 0..<workers {
            let thread = Thread { [self] in
                self.run(produce: produce)
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// The number of workers an export uses: one per core the process may run on.
    static var coreCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    private func run(produce: @Sendable (Int) throws -> Value) {
        while true {
            condition.lock()
            while nextToProduce < count && nextToProduce >= nextToConsume + capacity && !stopRequested && failedAt == nil {
                condition.wait()
            }
            guard !stopRequested, failedAt == nil, nextToProduce < count else { break }
            let index = nextToProduce
            nextToProduce += 1
            condition.unlock()
            let result = Result { try produce(index) }
            condition.lock()
            ready[index] = result
            if case .failure = result { failedAt = min(failedAt ?? index, index) }
            condition.broadcast()
            condition.unlock()
        }
        // The lock is held here (every exit from the loop breaks with it held).
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next value in order, nil after the last; rethrows a producer error in its place.
    func next() throws -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failedAt, nextToConsume > failedAt { return nil }
            if nextToConsume >= count { return nil }
            if let result = ready.removeValue(forKey: nextToConsume) {
                // Taken out at once, so a consumed case is not kept alive by the buffer.
                nextToConsume += 1
                condition.broadcast()
                return try result.get()
            }
            if runningWorkers == 0 { return nil }
            condition.wait()
        }
    }

    /// Stops production and waits for the worker threads to finish their current items, so
    /// nothing runs after the consumer has returned.
    func finish() {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        ready.removeAll()
        condition.unlock()
    }
}
