import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkExpressions
import FieldworkJournal
import FieldworkModel
import FieldworkSurveyStores
import Foundation

/// The completed interviews of one survey directory, read for the dashboard: each journal replayed
/// through the engine (as the export does), the measure read from the questionnaire's computed
/// variable `any_online`, groups from the sample's `borough` and, where the questionnaire asks them,
/// the age band (`o_age`) and sex (`o_sex`) questions; weights from `fieldwork weight`, else 1.
public struct DashboardSurvey: Sendable {
    /// The computed variable every questionnaire on the dashboard must define (true/false).
    public static let measure = "any_online"
    public static let groupQuestions = [("age band", "o_age"), ("sex", "o_sex")]

    public var name: String
    public var questionnaireID: String
    public var cases: [DashboardCase]
    public var weighted: Bool

    public static func read(directory: URL) throws -> DashboardSurvey {
        let survey = try SurveyDirectory.open(at: directory)
        let stores = try SurveyStores(directory: survey)
        let (pinned, bytes) = try survey.currentQuestionnaire()
        let (checked, _) = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path)
        guard let instrument = checked else {
            throw DashboardError("\(directory.path): the survey's questionnaire has errors; run `fieldwork check` on it")
        }
        guard instrument.computedIndex(id: measure) != nil else {
            throw DashboardError("\(directory.path): questionnaire \(pinned.id) has no computed variable \"\(measure)\" (true when any online crime was reported in the last 12 months); the dashboard needs it in every survey")
        }
        var fields: [String: [String: String]] = [:]
        var weights: [String: Double]?
        if let store = try stores.existingCaseStore() {
            fields = try store.allCaseCalls().mapValues(\.fields)
            // Replays read the case's preload values too, as the interview did.
            for (id, values) in try store.preloadValues(ids: Array(fields.keys)) where !values.isEmpty {
                fields[id] = SampleRecord(fields[id] ?? [:]).addingPreload(values).fields
            }
            let stored = try store.storedWeights()
            weights = stored.isEmpty ? nil : stored
        }
        var cases: [DashboardCase] = []
        for caseID in try stores.journals.journalCaseIDs() where CaseID.validate(caseID) == nil {
            let history = try stores.journals.history(caseID: caseID)
            guard let ended = history.events.last(where: { if case .completed = $0.event { true } else { false } }) else { continue }
            let sample = fields[caseID] ?? [:]
            let (interview, _) = Interview.replay(instrument: instrument, sample: SampleRecord(sample), events: history.interviewEvents)
            guard interview.state.status == .completed else { continue }
            var anyOnline: Bool?
            if case .boolean(let b)? = interview.computedValue(id: measure) { anyOnline = b }
            var groups: [String: String] = [:]
            if let borough = sample["borough"], !borough.isEmpty { groups["borough"] = borough }
            for (group, question) in groupQuestions {
                if let label = answerLabel(interview, question: question) { groups[group] = label }
            }
            cases.append(DashboardCase(caseID: caseID, quarter: Self.quarter(of: ended.at), anyOnline: anyOnline,
                                       weight: weights?[caseID] ?? 1, groups: groups))
        }
        return DashboardSurvey(name: directory.lastPathComponent, questionnaireID: pinned.id, cases: cases, weighted: weights != nil)
    }

    /// The option label of a single-choice answer, if the question exists and was answered.
    static func answerLabel(_ interview: Interview, question id: String) -> String? {
        guard let key = interview.key(for: QuestionAddress(id: id)), case .choice(let code, _)? = interview.activeAnswer(key),
              let option = interview.instrument.questions[Int(key.item)].question.frame?.options.first(where: { $0.code == code })
        else { return nil }
        return option.label.text(in: interview.instrument.questionnaire.defaultLanguage)
    }

    /// "2026-Q4" for an instant (UTC calendar: quarters change at midnight UTC).
    public static func quarter(of instant: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month], from: instant)
        return "\(c.year ?? 0)-Q\(((c.month ?? 1) - 1) / 3 + 1)"
    }
}

/// A dashboard that cannot be made, with what to do.
public struct DashboardError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
