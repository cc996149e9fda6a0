/// A quota over one combination of sample fields, e.g. sector × size band.
///
/// Completes (1.1) are counted per cell; once a cell reaches its target, its fresh and retry cases
/// are withheld so interviewers stop spending calls on them. Booked appointments are still kept:
/// a promise to a respondent outranks a few over-quota interviews.
public struct QuotaRule: Sendable, Hashable, Codable {
    public var name: String
    /// Sample fields whose values make up a cell, in order.
    public var fields: [String]
    /// Target completes per cell, keyed by the cell's values joined with `|` (e.g. `"G|10-49"`).
    /// Cells without a target are not limited.
    public var targets: [String: Int]

    public init(name: String, fields: [String], targets: [String: Int]) {
        self.name = name
        self.fields = fields
        self.targets = targets
    }

    /// The cell a case belongs to, from its sample fields (missing fields count as empty).
    public func cell(for sampleFields: [String: String]) -> String {
        fields.map { sampleFields[$0] ?? "" }.joined(separator: "|")
    }
}
