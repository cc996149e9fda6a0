import Foundation

/// Computes `produce(0)`, `produce(1)`, … on a background thread while the caller consumes the
/// results in order with `next()`: lets an export read and decode the next journals on the second
/// core while this one replays and writes. At most `capacity` results wait at a time, so memory
/// stays flat however many cases there are. The first error is handed over in its place in the
/// order, and production stops there, exactly as a plain loop would stop.
final class OrderedPrefetch<Value: Sendable>: @unchecked Sendable {
    // All mutable state is guarded by `condition`.
    private let condition = NSCondition()
    private var ready: [Result<Value, any Error>] = []
    private var readIndex = 0
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
            while ready.count - readIndex >= capacity && !stopRequested { condition.wait() }
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
        while readIndex == ready.count && !producerDone { condition.wait() }
        guard readIndex < ready.count else { return nil }
        let result = ready[readIndex]
        readIndex += 1
        // Drop consumed entries in batches so the buffer stays small without shifting every time.
        if readIndex >= 64 && readIndex * 2 >= ready.count {
            ready.removeFirst(readIndex)
            readIndex = 0
        }
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
        readIndex = 0
        condition.unlock()
    }
}
