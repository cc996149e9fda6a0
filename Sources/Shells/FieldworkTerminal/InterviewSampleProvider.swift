import FieldworkEngine

/// Where an interview gets the case's sample record (business name, phone, sector …). The command
/// line supplies it from `--sample field=value` today; case management will supply it from the
/// case store, without the interview screen changing.
public protocol InterviewSampleProvider: Sendable {
    /// The sample record for `caseID`; throws with a message the interviewer can act on.
    func sampleRecord(caseID: String) throws -> SampleRecord
}

/// A fixed record, for example from command-line options.
public struct FixedSampleProvider: InterviewSampleProvider {
    public var fields: [String: String]

    public init(fields: [String: String]) { self.fields = fields }

    public func sampleRecord(caseID: String) throws -> SampleRecord { SampleRecord(fields) }
}

/// A record looked up by a closure (a case store, a CSV file …).
public struct ClosureSampleProvider: InterviewSampleProvider {
    private let lookup: @Sendable (String) throws -> SampleRecord

    public init(_ lookup: @escaping @Sendable (String) throws -> SampleRecord) { self.lookup = lookup }

    public func sampleRecord(caseID: String) throws -> SampleRecord { try lookup(caseID) }
}
