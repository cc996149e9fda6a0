import Foundation
import Testing
@testable import FieldworkJournal

@Suite struct SurveyDirectoryTests {
    @Test func createLaysOutManifestAndPinnedQuestionnaire() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let manifest = try survey.readManifest()
        let hash = SurveyDirectory.sha256Hex(sampleQuestionnaire)
        #expect(hash.count == 64)
        #expect(manifest.format == SurveyManifest.formatName)
        #expect(manifest.formatVersion == 1)
        #expect(manifest.currentQuestionnaire == hash)
        #expect(manifest.questionnaires.map(\.id) == ["bas-2026"])
        #expect(manifest.questionnaires.map(\.version) == ["1.0"])
        #expect(try Data(contentsOf: survey.questionnaireURL(sha256: hash)) == sampleQuestionnaire)
        #expect(try survey.currentQuestionnaire().bytes == sampleQuestionnaire)
        #expect(FileManager.default.fileExists(atPath: survey.journalsURL.path))
    }

    @Test func directoriesAre0700AndFiles0600EvenInAPreexistingOpenDirectory() throws {
        let temp = try TemporaryDirectory()
        let target = temp.path("loose")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        let survey = try SurveyDirectory.create(at: target, questionnaireBytes: sampleQuestionnaire, questionnaireID: "q", version: "1")
        let id = try CaseID("C001")
        let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
        try journal.append(kind: "answer", data: Answer(question: "Q1", value: 1))
        journal.close()
        for directory in [survey.root, survey.questionnairesURL, survey.journalsURL, survey.shardURL(for: id)] {
            #expect(permissions(directory) == 0o700, "\(directory.path)")
        }
        let hash = SurveyDirectory.sha256Hex(sampleQuestionnaire)
        for file in [survey.manifestURL, survey.questionnaireURL(sha256: hash), survey.journalURL(for: id), survey.lockURL(for: id)] {
            #expect(permissions(file) == 0o600, "\(file.path)")
        }
    }

    @Test func refusesANonEmptyDirectoryThatIsNotASurvey() throws {
        let temp = try TemporaryDirectory()
        let target = temp.path("documents")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("hello".utf8).write(to: target.appendingPathComponent("notes.txt"))
        #expect(throws: JournalError.directoryNotEmpty(path: target.path)) {
            try SurveyDirectory.create(at: target, questionnaireBytes: sampleQuestionnaire, questionnaireID: "q", version: "1")
        }
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("fieldwork.json").path))
    }

    @Test func openExplainsHowToInitialiseAPlainDirectory() throws {
        let temp = try TemporaryDirectory()
        let error = #expect(throws: JournalError.self) { try SurveyDirectory.open(at: temp.url) }
        #expect(error?.description.contains("is not a survey directory: run `fieldwork init DIR --questionnaire FILE` first") == true)
    }

    @Test func openRejectsAManifestOfAnotherKind() throws {
        let temp = try TemporaryDirectory()
        try Data(#"{"hello":1}"#.utf8).write(to: temp.path("fieldwork.json"))
        let error = #expect(throws: JournalError.self) { try SurveyDirectory.open(at: temp.url) }
        guard case .invalidManifest? = error else {
            Issue.record("expected invalidManifest, got \(String(describing: error))")
            return
        }
    }

    @Test func pinningAChangedQuestionnaireAddsAVersionAndKeepsTheOld() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let changed = Data(#"{"id":"bas-2026","version":"1.1","questions":[1]}"#.utf8)
        let result = try survey.pin(questionnaireBytes: changed, questionnaireID: "bas-2026", version: "1.1")
        #expect(result.isNewVersion)
        var manifest = try SurveyDirectory.open(at: survey.root).readManifest()
        #expect(manifest.questionnaires.map(\.version) == ["1.0", "1.1"])
        #expect(manifest.currentQuestionnaire == SurveyDirectory.sha256Hex(changed))
        #expect(try survey.questionnaireBytes(sha256: SurveyDirectory.sha256Hex(sampleQuestionnaire)) == sampleQuestionnaire)

        // Re-pinning the first version makes it current without duplicating it.
        let again = try survey.pin(questionnaireBytes: sampleQuestionnaire, questionnaireID: "bas-2026", version: "1.0")
        #expect(!again.isNewVersion)
        manifest = try survey.readManifest()
        #expect(manifest.questionnaires.count == 2)
        #expect(manifest.currentQuestionnaire == SurveyDirectory.sha256Hex(sampleQuestionnaire))
    }

    @Test func createOnAnExistingSurveyPinsInsteadOfResetting() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        _ = try writeSampleJournal(survey, count: 2)
        let changed = Data(#"{"id":"bas-2026","version":"2"}"#.utf8)
        let reopened = try SurveyDirectory.create(at: survey.root, questionnaireBytes: changed, questionnaireID: "bas-2026", version: "2")
        #expect(try reopened.readManifest().questionnaires.count == 2)
        #expect(try reopened.journalFiles().map(\.caseID) == ["C001"])
    }

    @Test func aTamperedPinnedQuestionnaireIsReported() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let hash = SurveyDirectory.sha256Hex(sampleQuestionnaire)
        try Data("{}".utf8).write(to: survey.questionnaireURL(sha256: hash))
        #expect(throws: JournalError.self) { try survey.questionnaireBytes(sha256: hash) }
    }

    @Test func journalsAreShardedByTheHashOfTheCaseID() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let id = try CaseID("C001")
        let shard = SurveyDirectory.shard(for: id)
        #expect(shard == String(SurveyDirectory.sha256Hex(Data("C001".utf8)).prefix(2)))
        #expect(survey.journalURL(for: id).path.hasSuffix("/journals/\(shard)/C001.jsonl"))
        #expect(survey.lockURL(for: id).path.hasSuffix("/journals/\(shard)/C001.lock"))
        _ = try writeSampleJournal(survey, caseID: "C001", count: 1)
        _ = try writeSampleJournal(survey, caseID: "C002", count: 1)
        let files = try survey.journalFiles()
        #expect(Set(files.map(\.caseID)) == ["C001", "C002"])
        #expect(files.allSatisfy { file in (try? CaseID(file.caseID)).map(SurveyDirectory.shard(for:)) == file.shard })
    }
}
