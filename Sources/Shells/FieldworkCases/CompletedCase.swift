/// A case with the final code 1.1 (a complete interview) and its sample fields: what weighting reads.
public struct CompletedCase: Sendable, Equatable {
    public var id: String
    public var fields: [String: String]

    public init(id: String, fields: [String: String]) {
        self.id = id
        self.fields = fields
    }
}
