/// What a sample column holds, so the importer can check it before fieldwork starts.
public enum SampleFieldKind: String, Codable, Sendable, CaseIterable {
    /// Free text, stored as given (trimmed).
    case text
    /// A UK-style telephone number: digits, spaces and a leading `+` only, 10–13 digits.
    case phone
    /// A decimal number.
    case number
}

/// One column the sample may (or must) carry.
///
/// Defined here rather than taken from the questionnaire model so case management can be built and
/// tested on its own; the questionnaire's sample section maps onto it.
public struct SampleFieldSpec: Codable, Sendable, Hashable {
    public var name: String
    /// A required field must be present as a column and non-empty on every row.
    public var required: Bool
    /// Identifiers (names, numbers, addresses) are personal data: exports drop or pseudonymise them.
    public var identifier: Bool
    public var kind: SampleFieldKind

    public init(name: String, required: Bool = false, identifier: Bool = false, kind: SampleFieldKind = .text) {
        self.name = name
        self.required = required
        self.identifier = identifier
        self.kind = kind
    }
}

/// The columns a survey's sample file is expected to have.
public struct SampleSchema: Codable, Sendable, Hashable {
    /// The column every sample must have: it names the case everywhere (journals, exports, file names).
    public static let caseIDColumn = "case_id"

    /// Column names treated as identifiers when a survey has no schema of its own.
    public static let defaultIdentifierColumns: Set<String> = [
        "business_name", "contact_name", "phone", "telephone", "email", "address", "postcode",
    ]
    /// Columns checked as phone numbers when a survey has no schema of its own.
    public static let defaultPhoneColumns: Set<String> = ["phone", "telephone"]

    public var fields: [SampleFieldSpec]
    /// When false, a column not listed in `fields` is an error (catches misspelt headers).
    public var allowsExtraColumns: Bool

    public init(fields: [SampleFieldSpec], allowsExtraColumns: Bool = false) {
        self.fields = fields
        self.allowsExtraColumns = allowsExtraColumns
    }

    enum CodingKeys: String, CodingKey { case fields, allowsExtraColumns }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fields = try container.decode([SampleFieldSpec].self, forKey: .fields)
        allowsExtraColumns = try container.decodeIfPresent(Bool.self, forKey: .allowsExtraColumns) ?? false
    }

    /// The schema used when a survey directory has none: every column is accepted as text, except
    /// `phone`/`telephone` which are checked as phone numbers; the usual contact columns are identifiers.
    public static let permissive = SampleSchema(fields: [], allowsExtraColumns: true)

    /// The spec for a column, falling back to the permissive defaults for columns not listed.
    public func spec(forColumn name: String) -> SampleFieldSpec? {
        if let listed = fields.first(where: { $0.name == name }) { return listed }
        guard allowsExtraColumns else { return nil }
        return SampleFieldSpec(
            name: name,
            required: false,
            identifier: Self.defaultIdentifierColumns.contains(name.lowercased()),
            kind: Self.defaultPhoneColumns.contains(name.lowercased()) ? .phone : .text
        )
    }
}
