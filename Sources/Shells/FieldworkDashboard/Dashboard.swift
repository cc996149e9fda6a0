import Foundation

/// Every figure on the dashboard, built from the surveys' completed interviews and the referrals.
public struct Dashboard: Sendable {
    /// One published figure: a share with its interval, for a quarter, survey and group.
    public struct Figure: Sendable, Hashable {
        public var quarter: String
        public var survey: String
        public var measure: String
        /// "all", or "borough: Camden", "age band: 25–34" …
        public var group: String
        public var proportion: WeightedProportion
        /// Shown as "—" and left off the chart: the unweighted base is under `minimumBase`.
        public var suppressed: Bool
    }

    /// Figures on fewer completes than this are suppressed (a common publishing rule).
    public static let minimumBase = 50
    public static let measureName = "any online crime in the last 12 months"

    public var surveys: [DashboardSurvey]
    public var figures: [Figure]
    public var referrals: [ReferralQuarter]
    public var indicators: [String]

    public init(surveys: [DashboardSurvey], referrals: [ReferralQuarter] = [], indicators: [String] = []) {
        self.surveys = surveys
        self.referrals = referrals
        self.indicators = indicators
        var figures: [Figure] = []
        for survey in surveys {
            let label = Self.label(survey)
            let quarters = Set(survey.cases.map(\.quarter)).sorted()
            for quarter in quarters {
                figures.append(Self.figure(survey.cases.filter { $0.quarter == quarter }, quarter: quarter, survey: label, group: "all"))
            }
            // The latest quarter by borough and by the groups the questionnaire records.
            guard let latest = quarters.last else { continue }
            let inLatest = survey.cases.filter { $0.quarter == latest }
            for group in ["borough", "age band", "sex"] {
                for value in Set(inLatest.compactMap { $0.groups[group] }).sorted() {
                    figures.append(Self.figure(inLatest.filter { $0.groups[group] == value }, quarter: latest, survey: label,
                                               group: "\(group): \(value)"))
                }
            }
        }
        self.figures = figures
    }

    static func figure(_ cases: [DashboardCase], quarter: String, survey: String, group: String) -> Figure {
        let values = cases.compactMap { c in c.anyOnline.map { (yes: $0, weight: c.weight) } }
        let proportion = WeightedProportion(values)
        return Figure(quarter: quarter, survey: survey, measure: measureName, group: group, proportion: proportion,
                      suppressed: proportion.base < minimumBase)
    }

    /// "Businesses (BAS)", "Residents (PAS)", else the questionnaire id.
    static func label(_ survey: DashboardSurvey) -> String {
        switch survey.questionnaireID {
        case "bas": "Businesses (BAS)"
        case "pas_online", "pas": "Residents (PAS)"
        default: survey.questionnaireID
        }
    }

    /// The headline series: the "all" figure of each survey by quarter.
    public var headline: [Figure] { figures.filter { $0.group == "all" } }
}
