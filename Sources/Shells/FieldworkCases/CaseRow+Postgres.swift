import FieldworkPostgres

extension CaseRow {
    /// A `cases` row as PostgreSQL returns it (text form; `PostgresCaseSchema`'s columns).
    init(_ row: PostgresRow) {
        func double(_ column: String) -> Double? { row.text(column).flatMap(Double.init) }
        seq = Int64(row.integer("seq") ?? 0)
        id = row.text("id") ?? ""
        fields = row.text("fields") ?? "{}"
        status = row.text("status").flatMap(CaseStatus.init(rawValue:)) ?? .fresh
        finalCode = row.text("final_code")
        tier = row.integer("tier")
        dueAt = double("due_at") ?? 0
        triedParts = row.integer("tried_parts") ?? 0
        attempts = row.integer("attempts") ?? 0
        everEligible = row.boolean("ever_eligible") ?? false
        softRefusals = row.integer("soft_refusals") ?? 0
        withheld = row.boolean("withheld") ?? false
        leaseHolder = row.text("lease_holder")
        leaseExpires = double("lease_expires")
        appointmentID = row.integer("appointment_id").map(Int64.init)
        importedAt = double("imported_at") ?? 0
        importSource = row.text("import_source") ?? ""
        lastOutcome = row.text("last_outcome").flatMap(CallOutcome.init(rawValue:))
        interimCode = row.text("interim_code")
        replicate = row.integer("replicate")
        released = row.boolean("released") ?? true
    }
}
