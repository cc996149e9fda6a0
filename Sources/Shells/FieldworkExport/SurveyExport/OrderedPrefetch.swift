import Foundation

/// Computes `produce(0)`, `produce(1)`, … on a background thread while the caller consumes the
/// results in order with `next()`: lets an export read and decode the next journals on the second
/// core while this one replays and writes. At most `capacity` results wait at a time, so memory
/// stays flat however many cases there are. The first error is handed over in its place in the
/// order, and production stops there, exactly as a plain loop would stop.
final class OrderedPrefetch<Value: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    /// Results produced and not yet taken, oldest first (at most `capacity`).
    private var ready: [Result<Value, any Error>] = []
    private var producerDone = false
    private var stopRequested = false
    private let capacity: Int

    init(count: Int, capacity: Int, produce: @escaping @Sendable (Int) throws -> Value) {
        self.capacity = max(1, capacity)
        let thread = Thread { [self] in
            self.run(count: count, produce: produce)
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    private func run(count: Int, produce: @Sendable (Int) throws -> Value) {
        for index in 0..<count {
            condition.lock()
            while ready.count >= capacity && !stopRequested { condition.wait() }
            let stop = stopRequested
            condition.unlock()
            if stop { break }
            let result = Result { try produce(index) }
            condition.lock()
            ready.append(result)
            condition.broadcast()
            condition.unlock()
            if case .failure = result { break }
        }
        condition.lock()
        producerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next value in order, nil after the last; rethrows a producer error in its place.
    func next() throws -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !producerDone { condition.wait() }
        guard !ready.isEmpty else { return nil }
        // Taken out at once, so a consumed case is not kept alive by the buffer; shifting at most
        // `capacity` entries is nothing next to decoding a journal.
        let result = ready.removeFirst()
        condition.broadcast()
        return try result.get()
    }

    /// Stops production and waits for the background thread to finish its current item, so
    /// nothing runs after the consumer has returned.
    func finish() {
        condition.lock()
        stopRequested = true
        condition.broadcast()
        while !producerDone { condition.wait() }
        ready.removeAll()
        condition.unlock()
    }
}
