import FieldworkDiagnostics

/// A named group of options of one code frame ("the online crime types"), written once in
/// `optionSets` and used by name in conditions: `s_sector in public_sectors`,
/// `count(crimes, online_crimes)`, `sum(v_cost_tot, online_crimes)`.
public struct NamedOptionSet: Sendable, Hashable {
    public var name: String
    /// The named code frame its options come from.
    public var frameName: String
    /// Option short names, in the order written.
    public var options: [String]
    public var optionLocations: [SourceLocation]
    public var location: SourceLocation

    public init(name: String, frameName: String, options: [String], optionLocations: [SourceLocation], location: SourceLocation) {
        self.name = name
        self.frameName = frameName
        self.options = options
        self.optionLocations = optionLocations
        self.location = location
    }
}
