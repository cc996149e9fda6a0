import FieldworkCases
import FieldworkEngine

/// The call outcome of an interview stopped part way: the engine's share of applicable questions
/// answered, coded by the survey's thresholds (`scheduling.json` `interviewDispositions`), with
/// the counts behind the share added to the rule text.
enum StoppedInterviewRule {
    static func classify(_ share: AnsweredShare, rules: SchedulingRules) -> (outcome: CallOutcome, rule: String) {
        let (outcome, rule) = rules.dispositionThresholds.outcome(forStoppedInterviewWithShare: share.share)
        return (outcome, "\(rule) [\(share.answered) of \(share.applicable) answered]")
    }
}
