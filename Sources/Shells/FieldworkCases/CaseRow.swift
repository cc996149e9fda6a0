import GRDB

/// One row of the `cases` table, as the store reads it internally.
struct CaseRow {
    var seq: Int64
    var id: String
    var fields: String
    var status: CaseStatus
    var finalCode: String?
    var tier: Int?
    var dueAt: Double
    var triedParts: Int
    var attempts: Int
    var everEligible: Bool
    var softRefusals: Int
    var withheld: Bool
    var leaseHolder: String?
    var leaseExpires: Double?
    var appointmentID: Int64?
    var importedAt: Double
    var importSource: String
    var lastOutcome: CallOutcome?
    var interimCode: String?
    /// The sample replicate the case was imported in (nil: imported without one).
    var replicate: Int?
    /// False until the case's replicate is released; unreleased cases are never offered nor counted in rates.
    var released: Bool

    init(_ row: Row) {
        seq = row["seq"]
        id = row["id"]
        fields = row["fields"]
        status = CaseStatus(rawValue: row["status"]) ?? .fresh
        finalCode = row["final_code"]
        tier = row["tier"]
        dueAt = row["due_at"]
        triedParts = row["tried_parts"]
        attempts = row["attempts"]
        everEligible = row["ever_eligible"]
        softRefusals = row["soft_refusals"]
        withheld = row["withheld"]
        leaseHolder = row["lease_holder"]
        leaseExpires = row["lease_expires"]
        appointmentID = row["appointment_id"]
        importedAt = row["imported_at"]
        importSource = row["import_source"]
        lastOutcome = (row["last_outcome"] as String?).flatMap(CallOutcome.init(rawValue:))
        interimCode = row["interim_code"]
        replicate = row["replicate"]
        released = row["released"] ?? true
    }

    /// Withheld now: quota withholding applies to fresh and retry cases, never to booked appointments.
    var withheldNow: Bool { withheld && finalCode == nil && (tier ?? 0) >= PickReason.fresh.tier }

    /// The interim code from the stored facts (meaningful for open cases).
    var interim: InterimDisposition {
        InterimDisposition.of(attempts: attempts, lastOutcome: lastOutcome, everEligible: everEligible,
                              softRefusals: softRefusals, appointmentBooked: status == .appointment,
                              withheldByQuota: withheldNow)
    }

    static func fetch(_ db: Database, id: String) throws -> CaseRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE id = ?", arguments: [id]).map(CaseRow.init)
    }

    static func fetch(_ db: Database, seq: Int64) throws -> CaseRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM cases WHERE seq = ?", arguments: [seq]).map(CaseRow.init)
    }
}
