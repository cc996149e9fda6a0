import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import FieldworkSurveyStores
import Foundation

/// Margins over answers rather than sample fields (PAS age band and sex): each complete's answer to
/// a single-choice question, replayed from its journal through the engine, added to its fields
/// under the margin's field name as the option's short name (`o_age` → `age_band=a25_34`).
/// Don't know, refused or no answer leaves the field empty, which the weighting refuses by count.
enum AnswerFields {
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `mapping` is margin field → question id.
    static func add(to completes: [CompletedCase], mapping: [String: String], directory: URL) throws -> [CompletedCase] {
        guard !mapping.isEmpty else { return completes }
        let stores = try SurveyStores.open(at: directory)
        let survey = stores.directory
        let (pinned, bytes) = try survey.currentQuestionnaire()
        guard let instrument = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path).0 else {
            throw Problem(description: "the survey's questionnaire has errors; run `fieldwork check` on it")
        }
        var questions: [String: Int] = [:]
        for (field, id) in mapping {
            guard let q = instrument.questionIndex(id: id) else {
                throw Problem(description: "--answer \(field)=\(id): the questionnaire has no question \"\(id)\"")
            }
            guard case .single = instrument.questions[q].question.kind, instrument.questions[q].loops.isEmpty else {
                throw Problem(description: "--answer \(field)=\(id): a margin can be over a single-choice question outside loops only")
            }
            questions[field] = q
        }
        return try completes.map { complete in
            var out = complete
            let caseID = try CaseID(complete.id)
            let history = try stores.journals.history(caseID: caseID.rawValue)
            let (interview, _) = Interview.replay(instrument: instrument, sample: SampleRecord(complete.fields), events: history.interviewEvents)
            for (field, q) in questions {
                let info = instrument.questions[q]
                if case .choice(let code, _)? = interview.activeAnswer(InstanceKey(item: q, iteration: .none)),
                   let option = info.question.frame?.options.first(where: { $0.code == code }) {
                    out.fields[field] = option.name
                } else {
                    out.fields[field] = ""
                }
            }
            return out
        }
    }
}
