/// Summary of a numeric question's answers (don't know and refused left out).
public struct NumberSummary: Encodable, Sendable, Equatable {
    public var answered: Int
    @NullIfAbsent public var mean: Double?
    @NullIfAbsent public var median: Double?
    @NullIfAbsent public var minimum: Double?
    @NullIfAbsent public var maximum: Double?
    @NullIfAbsent public var weightedMean: Double?
}
