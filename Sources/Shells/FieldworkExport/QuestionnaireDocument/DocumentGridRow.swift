/// One row of a grid question: its name, the words read out and the variable it is exported as.
public struct DocumentGridRow: Sendable, Equatable {
    public var name: String
    public var text: String
    public var exportName: String
}
