import FieldworkBasics
import FieldworkScreen
import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases status`: the supervisor's overview.
struct CasesStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Counts by status and AAPOR disposition, response rates, leases, quota cells and today's appointments.",
        discussion: """
            Response rates use the final codes of final cases and the interim codes of open cases, so they exist
            mid-wave; after `cases close-wave` every code is final. e (the eligible share of unknown-eligibility
            cases) is proportional by default, (I+P+R+NC+O)/(I+P+R+NC+O+NE); scheduling.json "eligibilityRate"
            fixes it, and --e overrides both.
            """
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .customLong("e"), help: "Fixed e (0…1) for RR3, RR4, REF2 and CON2 instead of the proportional estimate.")
    var e: Double?

    func validate() throws {
        if let e, !(0...1).contains(e) {
            throw ValidationError("--e must be a share between 0 and 1 (for example 0.8), not \(e)")
        }
    }

    struct Report: Encodable {
        struct Disposition: Encodable { var code: String; var label: String; var count: Int }
        struct DispositionRow: Encodable {
            var code: String
            var label: String
            var count: Int
            /// I, P, R, NC, O, UH, UO or NE; nil for a code outside the rate table.
            var group: String?
            /// "final" or "interim".
            var kind: String
        }
        struct QuotaCell: Encodable { var rule: String; var cell: String; var completes: Int; var target: Int? }
        var now: Date
        var total: Int
        var byStatus: [String: Int]
        /// Final codes only (as before).
        var byDisposition: [Disposition]
        /// Final codes of final cases and interim codes of open cases.
        var dispositions: [DispositionRow]
        var leased: Int
        var withheldByQuota: Int
        var appointmentsDueToday: Int
        var quotas: [QuotaCell]
        var waveClosedAt: Date?
        /// Cases of replicates not yet released (in `total`, in no status, code or rate), and each replicate.
        var unreleased: Int
        var replicates: [ReplicateSummary]
        var responseRates: RatesReport
    }

    /// The rates block; written by hand so that n/a values appear as null rather than vanish.
    struct RatesReport: Encodable {
        var basis: String
        var finalCases: Int
        var openCases: Int
        var counts: [String: Int]
        var unclassified: Int
        var e: Double?
        var eMethod: String
        var rates: [ResponseRates.Rate]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(basis, forKey: Key("basis"))
            try c.encode(finalCases, forKey: Key("finalCases"))
            try c.encode(openCases, forKey: Key("openCases"))
            try c.encode(counts, forKey: Key("counts"))
            try c.encode(unclassified, forKey: Key("unclassified"))
            try c.encode(e, forKey: Key("e"))
            try c.encode(eMethod, forKey: Key("eMethod"))
            var values = c.nestedContainer(keyedBy: Key.self, forKey: Key("rates"))
            for rate in rates { try values.encode(rate.value, forKey: Key(rate.name)) }
            var formulas = c.nestedContainer(keyedBy: Key.self, forKey: Key("formulas"))
            for rate in rates { try formulas.encode(rate.formula, forKey: Key(rate.name)) }
        }
    }

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openAdministration()
        let counts = try store.statusCounts(now: now)
        let method: EligibilityEstimate.Method
        if let e {
            method = .fixed(e, source: "--e")
        } else if let e = store.rules.eligibilityRate {
            method = .fixed(e, source: "scheduling.json eligibilityRate")
        } else {
            method = .proportional
        }
        var codeCounts: [String: Int] = [:]
        for (d, n) in counts.byDisposition { codeCounts[d.code, default: 0] += n }
        for (d, n) in counts.byInterimDisposition { codeCounts[d.code, default: 0] += n }
        let rates = ResponseRates(codeCounts: codeCounts, eligibilityMethod: method)
        let finalCases = counts.byDisposition.values.reduce(0, +)
        let openCases = counts.byInterimDisposition.values.reduce(0, +)
        let basis = openCases == 0
            ? "final codes of \(finalCases) final case(s)"
            : "final codes of \(finalCases) final case(s) and interim codes of \(openCases) open case(s)"

        func rows(_ byCode: [AAPORDisposition: Int], kind: String) -> [Report.DispositionRow] {
            byCode.map { Report.DispositionRow(code: $0.key.code, label: $0.key.label, count: $0.value,
                                               group: RateGroup(code: $0.key.code)?.rawValue, kind: kind) }
        }
        let report = Report(
            now: now, total: counts.total,
            byStatus: Dictionary(uniqueKeysWithValues: CaseStatus.allCases.map { ($0.rawValue, counts.byStatus[$0] ?? 0) }),
            byDisposition: counts.byDisposition.sorted { $0.key.code < $1.key.code }
                .map { Report.Disposition(code: $0.key.code, label: $0.key.label, count: $0.value) },
            dispositions: (rows(counts.byDisposition, kind: "final") + rows(counts.byInterimDisposition, kind: "interim"))
                .sorted { ($0.code, $0.kind) < ($1.code, $1.kind) },
            leased: counts.leased, withheldByQuota: counts.withheldByQuota, appointmentsDueToday: counts.appointmentsDueToday,
            quotas: counts.quotaCells.sorted { $0.key < $1.key }.flatMap { rule, cells in
                cells.sorted { $0.key < $1.key }.map { Report.QuotaCell(rule: rule, cell: $0.key, completes: $0.value.completes, target: $0.value.target) }
            },
            waveClosedAt: counts.waveClosedAt,
            unreleased: counts.unreleased, replicates: try store.replicateSummaries(),
            responseRates: RatesReport(
                basis: basis, finalCases: finalCases, openCases: openCases,
                counts: Dictionary(uniqueKeysWithValues: RateGroup.allCases.map { ($0.rawValue, rates.counts[$0]) }),
                unclassified: rates.counts.unclassified, e: rates.eligibility.value,
                eMethod: rates.eligibility.methodDescription, rates: rates.rates))
        if json {
            print(try CasesOutput.json(report))
            return
        }
        let rules = store.rules
        print("Cases: \(report.total)   (as of \(CasesOutput.local(now, rules)) \(rules.timeZoneID))")
        if let closed = counts.waveClosedAt { print("Wave closed at \(CasesOutput.local(closed, rules))") }
        if !report.replicates.isEmpty {
            print("Replicates (released / cases): " + report.replicates.map { "\($0.replicate): \($0.released) / \($0.cases)" }
                .joined(separator: "   "))
        }
        if report.unreleased > 0 {
            print("Not released: \(report.unreleased) case(s) (never offered; left out of every count and rate below)")
        }
        print("By status:")
        for status in CaseStatus.allCases {
            print("  \(CasesOutput.padded(status.rawValue, 22)) \(counts.byStatus[status] ?? 0)")
        }
        print("By AAPOR disposition (final codes; interim codes of open cases):")
        if report.dispositions.isEmpty { print("  (no cases)") }
        print("  \(CasesOutput.padded("code", 6)) \(CasesOutput.padded("label", 62)) \(CasesOutput.padded("group", 5)) \(CasesOutput.padded("kind", 7)) count")
        for d in report.dispositions {
            print("  \(CasesOutput.padded(d.code, 6)) \(CasesOutput.padded(d.label, 62)) \(CasesOutput.padded(d.group ?? "-", 5)) \(CasesOutput.padded(d.kind, 7)) \(d.count)")
        }
        print("Response rates (from \(basis)):")
        print("  " + RateGroup.allCases.map { "\($0.rawValue) \(rates.counts[$0])" }.joined(separator: "  ")
              + (rates.counts.unclassified > 0 ? "  (unclassified \(rates.counts.unclassified))" : ""))
        print("  e = \(Self.number(rates.eligibility.value)) (\(rates.eligibility.methodDescription))")
        for rate in rates.rates {
            print("  \(CasesOutput.padded(rate.name, 6)) \(CasesOutput.padded(rate.formula, 28)) \(Self.number(rate.value))")
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

    /// Four decimals, or "n/a" when a denominator was zero.
    static func number(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return DecimalText.fixed(value, places: 4)
    }
}
