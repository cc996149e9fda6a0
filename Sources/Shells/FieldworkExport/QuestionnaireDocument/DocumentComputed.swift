/// A computed variable as printed: its name, label and how it is worked out (in words when the
/// expression is a simple condition or count, else the expression as written).
public struct DocumentComputed: Sendable, Equatable {
    public var id: String
    public var label: String?
    public var definition: String
    public var loopDepth: Int
}
