import Foundation

/// What closing the wave did: every open case got its final code (its interim code) at `closedAt`.
public struct WaveClosing: Sendable, Hashable {
    /// When this closing happened; nil when the store was empty and nothing was closed or marked.
    public var closedAt: Date?
    /// The earlier closing this one repeated (`again`), if any.
    public var previousClosingAt: Date?
    /// Cases in the store.
    public var casesInStore: Int
    /// Cases that were already final and kept their code.
    public var alreadyFinal: Int
    /// Final codes assigned now, with how many cases got each.
    public var assigned: [AAPORDisposition: Int]

    public init(closedAt: Date?, previousClosingAt: Date?, casesInStore: Int, alreadyFinal: Int, assigned: [AAPORDisposition: Int]) {
        self.closedAt = closedAt
        self.previousClosingAt = previousClosingAt
        self.casesInStore = casesInStore
        self.alreadyFinal = alreadyFinal
        self.assigned = assigned
    }

    /// Cases finalised by this closing.
    public var casesClosed: Int { assigned.values.reduce(0, +) }
}
