/// Where a case stands in fieldwork. Stored on every case so status counts are one indexed query.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Imported, never called.
    case fresh
    /// Called at least once without a final outcome; waiting for its retry gap.
    case retry
    /// Soft refusal waiting for the refusal-conversion gap.
    case refusalConversion = "refusal-conversion"
    /// A hard or soft appointment is booked.
    case appointment
    /// Finished with a complete interview (1.1).
    case complete
    /// Finished with a partial interview (1.2).
    case partial
    /// Finished without an interview (AAPOR 2.x, 3.x, 4.x).
    case finalNonInterview = "final-non-interview"

    /// Finished cases are never offered again.
    public var isFinal: Bool {
        switch self {
        case .complete, .partial, .finalNonInterview: true
        case .fresh, .retry, .refusalConversion, .appointment: false
        }
    }

    /// The status a final disposition puts a case in.
    public static func forFinal(_ disposition: AAPORDisposition) -> CaseStatus {
        switch disposition.code {
        case AAPORDisposition.complete.code: .complete
        case AAPORDisposition.partial.code: .partial
        default: .finalNonInterview
        }
    }
}
