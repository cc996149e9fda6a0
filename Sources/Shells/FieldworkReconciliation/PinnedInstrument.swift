import FieldworkChecker
import FieldworkJournal
import Foundation

/// The survey's current pinned questionnaire, checked, read the first time it is asked for and then
/// kept: what replays of journals need to code a break-off (`verify`, a leased case brought up to
/// date). Nil when the pinned file cannot be read or has errors; the callers then leave break-offs
/// for a person, as they say.
public final class PinnedInstrument: @unchecked Sendable {
    private let survey: SurveyDirectory
    private let lock = NSLock()
    private var loaded: Instrument??

    public init(survey: SurveyDirectory) {
        self.survey = survey
    }

    public var value: Instrument? {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        var instrument: Instrument?
        if let (pinned, bytes) = try? survey.currentQuestionnaire() {
            instrument = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path).0
        }
        loaded = .some(instrument)
        return instrument
    }
}
