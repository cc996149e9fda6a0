import FieldworkChecker
import FieldworkJournal
import Foundation

/// The questionnaire versions a survey's interviews were asked with, loaded by content hash from
/// the survey directory, checked once and kept: each interview replays against its own version.
public final class PinnedInstruments {
    public let directory: SurveyDirectory
    private var cache: [String: Result<Instrument, SurveyExportError>] = [:]

    public init(directory: SurveyDirectory) {
        self.directory = directory
    }

    /// Seeds the cache (the current questionnaire is already checked by the caller).
    public func insert(_ instrument: Instrument, sha256: String) {
        cache[sha256] = .success(instrument)
    }

    /// The instrument pinned under `sha256`, or why it cannot be used.
    public func instrument(sha256: String) -> Result<Instrument, SurveyExportError> {
        if let cached = cache[sha256] { return cached }
        let result: Result<Instrument, SurveyExportError>
        do {
            let bytes = try directory.questionnaireBytes(sha256: sha256)
            let name = directory.questionnaireURL(sha256: sha256).path
            let (instrument, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: name)
            if let instrument {
                result = .success(instrument)
            } else {
                let problems = diagnostics.filter { $0.severity == .error }.map(\.description)
                result = .failure(.questionnaire(id: "?", sha256: sha256, problems: problems))
            }
        } catch {
            result = .failure(.questionnaire(id: "?", sha256: sha256, problems: ["cannot read the pinned file: \(error)"]))
        }
        cache[sha256] = result
        return result
    }

    /// Loads and checks the survey's current questionnaire.
    public func current() throws -> (instrument: Instrument, sha256: String) {
        let pinned: PinnedQuestionnaire
        do {
            pinned = try directory.currentQuestionnaire().pinned
        } catch {
            throw SurveyExportError.survey("\(directory.root.path): cannot read the current questionnaire: \(error)")
        }
        switch instrument(sha256: pinned.sha256) {
        case .success(let instrument): return (instrument, pinned.sha256)
        case .failure(.questionnaire(_, let sha, let problems)):
            throw SurveyExportError.questionnaire(id: pinned.id, sha256: sha, problems: problems)
        case .failure(let other): throw other
        }
    }
}
