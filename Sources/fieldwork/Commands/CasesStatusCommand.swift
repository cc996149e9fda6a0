import FieldworkScreen
import FieldworkScreen
import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases status`: the supervisor's overview.
struct CasesStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Counts by status and AAPOR disposition, leases, quota cells and today's appointments."
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    struct Report: Encodable {
        struct Disposition: Encodable { var code: String; var label: String; var count: Int }
        struct QuotaCell: Encodable { var rule: String; var cell: String; var completes: Int; var target: Int? }
        var now: Date
        var total: Int
        var byStatus: [String: Int]
        var byDisposition: [Disposition]
        var leased: Int
        var withheldByQuota: Int
        var appointmentsDueToday: Int
        var quotas: [QuotaCell]
    }

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openStore()
        let counts = try store.statusCounts(now: now)
        let report = Report(
            now: now, total: counts.total,
            byStatus: Dictionary(uniqueKeysWithValues: CaseStatus.allCases.map { ($0.rawValue, counts.byStatus[$0] ?? 0) }),
            byDisposition: counts.byDisposition.sorted { $0.key.code < $1.key.code }
                .map { Report.Disposition(code: $0.key.code, label: $0.key.label, count: $0.value) },
            leased: counts.leased, withheldByQuota: counts.withheldByQuota, appointmentsDueToday: counts.appointmentsDueToday,
            quotas: counts.quotaCells.sorted { $0.key < $1.key }.flatMap { rule, cells in
                cells.sorted { $0.key < $1.key }.map { Report.QuotaCell(rule: rule, cell: $0.key, completes: $0.value.completes, target: $0.value.target) }
            })
        if json {
            print(try CasesOutput.json(report))
            return
        }
        print("Cases: \(report.total)   (as of \(CasesOutput.local(now, store.rules)) \(store.rules.timeZoneID))")
        print("By status:")
        for status in CaseStatus.allCases {
            print("  \(CasesOutput.padded(status.rawValue, 22)) \(counts.byStatus[status] ?? 0)")
        }
        print("By AAPOR disposition:")
        if report.byDisposition.isEmpty { print("  (no finished cases yet)") }
        for d in report.byDisposition {
            print("  \(CasesOutput.padded(d.code, 6)) \(CasesOutput.padded(d.label, 62)) \(d.count)")
        }
        print("Leased now: \(report.leased)")
        print("Withheld by quota: \(report.withheldByQuota)")
        print("Appointments due today: \(report.appointmentsDueToday)")
        if !report.quotas.isEmpty {
            print("Quota cells (completes / target):")
            for q in report.quotas {
                print("  \(TerminalSafe.text(q.rule))  \(CasesOutput.padded(TerminalSafe.text(q.cell), 24)) \(q.completes) / \(q.target.map(String.init) ?? "-")")
            }
        }
    }
}
