import FieldworkExpressions

/// A soft check the interviewer confirmed for an answer, with the values of everything the check
/// reads (its expression's references, in symbol order) as they were when the answer was recorded.
/// A confirmation holds for those values only: once any of them changes it is void, and the kept
/// answer is checked again when the route passes it (see `Interview.stillStands`).
///
/// The values are not journalled: they are worked out again from the state when the answer is
/// applied, so replaying the events rebuilds them exactly.
public struct SoftCheckConfirmation: Hashable, Sendable {
    /// The check's id.
    public var check: String
    /// The values the check read, in the order of its sorted references.
    public var readValues: [RuntimeValue]

    public init(check: String, readValues: [RuntimeValue]) {
        self.check = check
        self.readValues = readValues
    }
}
