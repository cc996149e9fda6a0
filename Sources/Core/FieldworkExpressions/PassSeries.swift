/// What an aggregate node reads: one symbol's value in each pass made of its loop, optionally only
/// the passes of some options.
@usableFromInline
struct PassSeries: Sendable {
    /// The loop-level symbol read in each pass.
    @usableFromInline let element: SymbolID
    /// The loop's driving answer; when it is missing the aggregate is missing for the same reason.
    @usableFromInline let driver: SymbolID?
    /// Pass numbers to keep (an option set), nil for all.
    @usableFromInline let only: [Int]?
    /// The most passes the loop can make (bounds a sum's size).
    let maxPasses: Int

    init(element: SymbolID, driver: SymbolID?, only: [Int]?, maxPasses: Int) {
        self.element = element
        self.driver = driver
        self.only = only
        self.maxPasses = maxPasses
    }
}
