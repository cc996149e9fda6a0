import CSV
import Foundation

/// One quarter of Action Fraud referrals and their outcomes, with optional performance indicators.
///
/// The referrals CSV (docs/dashboard.md): a header row with `quarter` (YYYY-Qn), `referrals`,
/// `disseminated` (passed to forces), `positive_outcomes` (charge or summons, caution, offences taken
/// into consideration, penalty notice, community resolution) and `other_outcomes` (every other
/// outcome); any further column is a performance indicator (a number per quarter, e.g. disruptions).
public struct ReferralQuarter: Sendable, Hashable, Codable {
    public var quarter: String
    public var referrals: Int
    public var disseminated: Int
    public var positiveOutcomes: Int
    public var otherOutcomes: Int
    /// Indicator name → value, in the file's column order.
    public var indicators: [String: Double]

    /// Positive outcomes as a share of all outcomes; nil when there were none.
    public var positiveShare: Double? {
        let all = positiveOutcomes + otherOutcomes
        return all > 0 ? Double(positiveOutcomes) / Double(all) : nil
    }

    public static let required = ["quarter", "referrals", "disseminated", "positive_outcomes", "other_outcomes"]

    /// Reads the file; every problem names its line and what to write instead.
    public static func read(path: String) throws -> (quarters: [ReferralQuarter], indicators: [String]) {
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw DashboardError("\(path): cannot read the referrals file (it must exist and be UTF-8 text)")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, hasHeaderRow: true) }
        catch { throw DashboardError("\(path): not a CSV file: \(error)") }
        let header = reader.headerRow ?? []
        for column in required where !header.contains(column) {
            throw DashboardError("\(path):1: the referrals file needs a \"\(column)\" column (columns: \(required.joined(separator: ", ")), then any indicators)")
        }
        let indicators = header.filter { !required.contains($0) }
        var quarters: [ReferralQuarter] = []
        var seen = Set<String>()
        var line = 1
        while let row = reader.next() {
            line += 1
            guard row.count == header.count else { throw DashboardError("\(path):\(line): \(row.count) cells, but the header has \(header.count)") }
            var cells: [String: String] = [:]
            for (name, value) in zip(header, row) { cells[name] = value.trimmingCharacters(in: .whitespaces) }
            let quarter = cells["quarter"] ?? ""
            guard isQuarter(quarter) else { throw DashboardError("\(path):\(line): quarter \"\(quarter)\" is not written YYYY-Qn, e.g. 2026-Q3") }
            guard seen.insert(quarter).inserted else { throw DashboardError("\(path):\(line): quarter \(quarter) appears twice") }
            func count(_ name: String) throws -> Int {
                guard let text = cells[name], let n = Int(text), n >= 0 else {
                    throw DashboardError("\(path):\(line): \(name) \"\(cells[name] ?? "")\" is not a whole number of 0 or more")
                }
                return n
            }
            var values: [String: Double] = [:]
            for name in indicators {
                guard let text = cells[name], !text.isEmpty else { continue }
                guard let value = Double(text), value.isFinite, text.allSatisfy({ "0123456789.-".contains($0) }) else {
                    throw DashboardError("\(path):\(line): indicator \(name) \"\(text)\" is not a number")
                }
                values[name] = value
            }
            let q = ReferralQuarter(quarter: quarter, referrals: try count("referrals"), disseminated: try count("disseminated"),
                                    positiveOutcomes: try count("positive_outcomes"), otherOutcomes: try count("other_outcomes"),
                                    indicators: values)
            guard q.disseminated <= q.referrals else {
                throw DashboardError("\(path):\(line): more referrals disseminated (\(q.disseminated)) than received (\(q.referrals))")
            }
            quarters.append(q)
        }
        return (quarters.sorted { $0.quarter < $1.quarter }, indicators)
    }

    static func isQuarter(_ text: String) -> Bool {
        let parts = text.split(separator: "-Q")
        guard parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil, let q = Int(parts[1]) else { return false }
        return (1...4).contains(q)
    }
}
