/// The AAPOR disposition table and outcome rates, from the case store's counts through `ResponseRates`.
public struct AAPORFigures: Encodable, Sendable, Equatable {
    public struct DispositionRow: Encodable, Sendable, Equatable {
        public var code: String
        public var label: String
        /// I, P, R, NC, O, UH, UO or NE; null for a code outside the rate table.
        @NullIfAbsent public var group: String?
        /// "final" or "interim".
        public var kind: String
        public var count: Int
    }

    public struct RateFigure: Encodable, Sendable, Equatable {
        public var name: String
        public var formula: String
        @NullIfAbsent public var value: Double?
    }

    /// Which codes the rates come from (final codes of final cases, interim codes of open ones).
    public var basis: String
    public var finalCases: Int
    public var openCases: Int
    public var dispositions: [DispositionRow]
    /// Cases per rate group, keyed I, P, R, NC, O, UH, UO, NE.
    public var counts: [String: Int]
    public var unclassified: Int
    @NullIfAbsent public var e: Double?
    public var eMethod: String
    public var rates: [RateFigure]
}
