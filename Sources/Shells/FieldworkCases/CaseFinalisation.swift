import Foundation

/// A final code given to a case without a call (closing the wave), kept in the `finalisations`
/// table so the case's record says who coded it, when, and by which rule.
public struct CaseFinalisation: Sendable, Hashable, Codable {
    public var at: Date
    public var disposition: AAPORDisposition
    /// The rule that gave the code, e.g. `close-wave: never attempted → 3.11`.
    public var rule: String
    /// What finalised it, e.g. `close-wave`.
    public var finalisedBy: String

    public init(at: Date, disposition: AAPORDisposition, rule: String, finalisedBy: String) {
        self.at = at
        self.disposition = disposition
        self.rule = rule
        self.finalisedBy = finalisedBy
    }
}
