import FieldworkBasics
import Foundation

/// Why the scheduler offered a case: shown to the interviewer so they open the call right
/// ("you have an appointment" vs. a cold call).
public enum PickReason: String, Sendable, Hashable, Codable {
    case hardAppointment = "hard-appointment"
    case softAppointment = "soft-appointment"
    case fresh
    case retry

    var tier: Int {
        switch self {
        case .hardAppointment: 0
        case .softAppointment: 1
        case .fresh: 2
        case .retry: 3
        }
    }

    init?(tier: Int) {
        switch tier {
        case 0: self = .hardAppointment
        case 1: self = .softAppointment
        case 2: self = .fresh
        case 3: self = .retry
        default: return nil
        }
    }
}

/// A case handed to one interviewer until `expiresAt`. No other session gets it meanwhile.
public struct CaseLease: Sendable, Hashable {
    public var caseID: String
    public var interviewer: String
    public var expiresAt: Date
    public var reason: PickReason
    public var status: CaseStatus
    /// Calls made before this one.
    public var attempts: Int
    public var fields: [String: String]
    /// The booked appointment, when the case was picked for it.
    public var appointment: Appointment?
    /// The case's preload values by preload name (`fieldwork cases preload`); empty without any.
    public var preload: [String: String] = [:]
}
