import ArgumentParser

/// Who is changing a case and why: required by every case-administration command, and written to
/// the case's audit trail (`cases show`).
struct CaseChangeOptions: ParsableArguments {
    @Option(name: .long, help: "The supervisor making the change (written to the audit trail).")
    var by: String

    @Option(name: .long, help: "Why the case is being changed (written to the audit trail).")
    var reason: String
}
