import FieldworkCases
import FieldworkEngine

/// The call outcome of an interview stopped part way, by the share of applicable questions
/// answered and the survey's thresholds.
enum StoppedInterviewRule {
    static func classify(_ share: AnsweredShare, rules: SchedulingRules) -> (outcome: CallOutcome, rule: String) {
        let percent = Int((share.share * 100).rounded(.down))
        let detail = "answered \(share.answered) of \(share.applicable) applicable questions (\(percent)%)"
        if share.share >= 0.8 { return (.interviewComplete, "\(detail); complete from 80% → 1.1") }
        if share.share >= 0.5 { return (.interviewPartial, "\(detail); partial from 50% → 1.2") }
        return (.breakOff, "\(detail); under 50% is a break-off → 2.12")
    }
}
