import FieldworkDiagnostics

/// A value carried over from an earlier wave (or any file keyed by case id), declared under
/// `"preload"` and read in expressions and fills as `preload.name`. The values are loaded into the
/// case store by `fieldwork cases preload`; a case without one reads it as not asked.
public struct PreloadField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable { case text, number }
    public var name: String
    public var kind: Kind
    public var label: LocalizedText?
    public var location: SourceLocation
    public init(name: String, kind: Kind, label: LocalizedText?, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.label = label
        self.location = location
    }
}
