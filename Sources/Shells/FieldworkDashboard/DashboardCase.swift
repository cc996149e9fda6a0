import Foundation

/// One completed interview as the dashboard reads it: when it ended, whether the respondent
/// reported any online crime in the last 12 months, its weight and the groups it falls in.
public struct DashboardCase: Sendable, Hashable {
    public var caseID: String
    /// The calendar quarter the interview ended in, e.g. "2026-Q4".
    public var quarter: String
    /// The measure; nil when the answer behind it was don't know or refused.
    public var anyOnline: Bool?
    public var weight: Double
    /// Group name → value label, e.g. "borough" → "Camden", "age band" → "25–34".
    public var groups: [String: String]
}
