import FieldworkBasics
import ArgumentParser
import FieldworkDashboard
import FieldworkExport
import Foundation

/// `fieldwork dashboard --data DIR [--data DIR2 …] [--referrals FILE.csv] --out PATH`: the quarterly
/// online-crime dashboard, one self-contained HTML page plus a tidy CSV of every figure beside it.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The quarterly online-crime dashboard from PAS and BAS survey directories (HTML and a CSV of every figure).",
        discussion: """
            Each survey's questionnaire must define the computed variable any_online (true when any \
            online crime was reported in the last 12 months). Estimates are weighted where \
            `fieldwork weight` has been run, with Wilson intervals on the effective sample size; \
            figures on fewer than 50 interviews are suppressed. See docs/dashboard.md.
            """
    )

    @Option(name: .customLong("data"), help: "A survey directory (repeat for several surveys or waves).", completion: .directory)
    var data: [String]

    @Option(name: .long, help: "A CSV of Action Fraud referrals and outcomes per quarter (docs/dashboard.md).")
    var referrals: String?

    @Option(name: .long, help: "The HTML file to write; the CSV of figures goes beside it with the extension .csv.")
    var out: String

    @Flag(name: .long, help: "Replace existing files.")
    var force = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("give at least one --data survey directory") }
        guard !out.hasSuffix(".csv") else { throw ValidationError("--out is the HTML page; the CSV is written beside it") }
    }

    func run() throws {
        try CommandFailure.reporting {
            var surveys: [DashboardSurvey] = []
            for directory in data {
                do { surveys.append(try DashboardSurvey.read(directory: URL(fileURLWithPath: directory, isDirectory: true))) }
                catch let error as DashboardError { throw CommandFailure(error.description) }
            }
            var quarters: [ReferralQuarter] = []
            var indicators: [String] = []
            if let referrals {
                do { (quarters, indicators) = try ReferralQuarter.read(path: referrals) }
                catch let error as DashboardError { throw CommandFailure(error.description) }
            }
            let dashboard = Dashboard(surveys: surveys, referrals: quarters, indicators: indicators)
            let html = URL(fileURLWithPath: out)
            let csv = html.deletingPathExtension().appendingPathExtension("csv")
            // Both targets are checked before either is written: no links followed or replaced,
            // nothing existing replaced without --force (AtomicFile).
            do {
                for target in [html, csv] { try AtomicFile.checkTarget(target, overwrite: force) }
                let stamp = UTCTimestamp.text(secondsSince1970: Date().timeIntervalSince1970)
                try AtomicFile.write(Data(DashboardHTML.page(dashboard, generated: stamp).utf8), to: html, overwrite: force, access: .shared)
                try AtomicFile.write(Data(OpenDataCSV.text(dashboard).utf8), to: csv, overwrite: force, access: .shared)
            } catch ExportError.fileExists(let path) {
                throw CommandFailure("\(path) exists; pass --force to replace it")
            } catch let error as ExportError {
                throw CommandFailure(error.description)
            }
            let cases = surveys.map(\.cases.count).reduce(0, +)
            print("wrote \(html.path) and \(csv.path): \(dashboard.figures.count) figure(s) from \(cases) completed interview(s) in \(surveys.count) survey(s)")
        }
    }
}
