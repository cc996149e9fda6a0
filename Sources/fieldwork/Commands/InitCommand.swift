import ArgumentParser
import FieldworkJournal
import Foundation

/// `fieldwork init DIR --questionnaire FILE`: create a survey directory, or pin a changed
/// questionnaire into an existing one.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a survey directory and pin the questionnaire it uses.",
        discussion: """
            DIR must be new, empty, or an existing survey directory. Running init again on a survey \
            directory with a changed questionnaire pins the new version (the old one is kept so \
            interviews already recorded can be replayed against it).
            """
    )

    @Argument(help: "The survey directory to create.", completion: .directory)
    var directory: String

    @Option(name: .long, help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
    var questionnaire: String

    func run() throws {
        try CommandFailure.reporting(initialise)
    }

    private func initialise() throws {
        let questionnaireURL = URL(fileURLWithPath: questionnaire)
        let bytes: Data
        do {
            bytes = try Data(contentsOf: questionnaireURL)
        } catch {
            throw CommandFailure("cannot read questionnaire \(questionnaire): \((error as NSError).localizedDescription)")
        }
        let identity = try QuestionnaireIdentity(bytes: bytes, fileName: questionnaireURL.deletingPathExtension().lastPathComponent, path: questionnaire)
        let target = URL(fileURLWithPath: directory)
        if let existing = try? SurveyDirectory.open(at: target) {
            let result = try existing.pin(questionnaireBytes: bytes, questionnaireID: identity.id, version: identity.version)
            if result.isNewVersion {
                print("Pinned questionnaire \(identity.id) version \(identity.version) (sha256 \(result.pinned.sha256.prefix(12))…) in \(existing.root.path); new interviews use it.")
            } else {
                print("Questionnaire \(result.pinned.id) version \(result.pinned.version) was already pinned in \(existing.root.path); it is the current version.")
            }
        } else {
            let survey = try SurveyDirectory.create(at: target, questionnaireBytes: bytes, questionnaireID: identity.id, version: identity.version)
            let manifest = try survey.readManifest()
            print("Created survey directory \(survey.root.path) with questionnaire \(identity.id) version \(identity.version) (sha256 \(manifest.currentQuestionnaire.prefix(12))…).")
        }
    }
}

/// The questionnaire's `id` and `version`, read leniently: only for labelling the pinned copy.
struct QuestionnaireIdentity {
    let id: String
    let version: String

    init(bytes: Data, fileName: String, path: String) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw CommandFailure("questionnaire \(path) is not valid JSON: \((error as NSError).localizedDescription)")
        }
        guard let fields = object as? [String: Any] else {
            throw CommandFailure("questionnaire \(path) must be a JSON object with \"id\" and \"version\" fields")
        }
        id = Self.text(fields["id"]) ?? fileName
        version = Self.text(fields["version"]) ?? "unversioned"
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String where !string.isEmpty: return string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
