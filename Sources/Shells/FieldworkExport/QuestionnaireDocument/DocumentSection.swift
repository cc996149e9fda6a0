/// One section of the printed questionnaire: its title, its own routing and its entries in order.
public struct DocumentSection: Sendable, Equatable {
    /// 1-based position among the sections.
    public var position: Int
    public var id: String
    public var title: String
    /// Who the section is asked of, in words ("Ask this section only if …"); empty when everyone.
    public var routing: [String]
    public var entries: [DocumentEntry]
}
