import Foundation

/// A sample replicate released for calling (`fieldwork cases release --replicate N`), from the
/// append-only `replicate_releases` table.
public struct ReplicateRelease: Sendable, Hashable, Codable {
    public var replicate: Int
    public var at: Date
    /// The supervisor (`--by`) and why (`--reason`).
    public var by: String
    public var reason: String
    /// Cases released by this release.
    public var cases: Int

    public init(replicate: Int, at: Date, by: String, reason: String, cases: Int) {
        self.replicate = replicate
        self.at = at
        self.by = by
        self.reason = reason
        self.cases = cases
    }
}

/// One replicate's size and how many of its cases are released (`cases status`).
public struct ReplicateSummary: Sendable, Hashable, Codable {
    public var replicate: Int
    public var cases: Int
    public var released: Int

    public init(replicate: Int, cases: Int, released: Int) {
        self.replicate = replicate
        self.cases = cases
        self.released = released
    }
}
