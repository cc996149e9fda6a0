import Foundation
import Testing
@testable import FieldworkJournal

@Suite struct SurveyVerificationTests {
    @Test func reportsStatusAndDamagePerCase() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        _ = try writeSampleJournal(survey, caseID: "DONE1", count: 3) // ends with interview.complete
        let partial = try CaseJournal.open(directory: survey, caseID: CaseID("HALF1"), holder: testHolder)
        try partial.append(kind: "answer", data: Answer(question: "Q1", value: 1))
        partial.close()
        try CaseJournal.open(directory: survey, caseID: CaseID("EMPTY1"), holder: testHolder).close()

        let (tornBytes, _) = try writeSampleJournal(survey, caseID: "TORN1", count: 2)
        try Data(tornBytes + Array(#"{"v":1,"seq":3,"ca"#.utf8)).write(to: survey.journalURL(for: CaseID("TORN1")))

        var (badBytes, _) = try writeSampleJournal(survey, caseID: "BAD1", count: 3)
        badBytes[20] ^= 0x04
        try Data(badBytes).write(to: survey.journalURL(for: CaseID("BAD1")))

        let report = try SurveyVerification.run(survey)
        let byCase = Dictionary(uniqueKeysWithValues: report.journals.map { ($0.caseID, $0) })
        #expect(byCase["DONE1"]?.status == .complete)
        #expect(byCase["DONE1"]?.records == 3)
        #expect(byCase["HALF1"]?.status == .inProgress)
        #expect(byCase["EMPTY1"]?.status == .empty)
        #expect(byCase["TORN1"]?.tornTail == true)
        #expect(byCase["TORN1"]?.corrupt == false)
        #expect(byCase["BAD1"]?.checksumFailures == 1)
        #expect(byCase["BAD1"]?.corrupt == true)
        #expect(byCase["BAD1"]?.records == 2)
        #expect(report.summary.journals == 5)
        #expect(report.summary.complete == 3) // DONE1, TORN1 and BAD1 all end with interview.complete
        #expect(report.summary.inProgress == 1)
        #expect(report.summary.empty == 1)
        #expect(report.summary.corruptJournals == 1)
        #expect(report.summary.tornTails == 1)
        #expect(!report.ok)
        #expect(report.questionnaires.count == 1 && report.questionnaires[0].problem == nil)
    }

    @Test func aTornTailAloneDoesNotFailVerification() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, caseID: "C1", count: 2)
        try Data(bytes + [0x7B]).write(to: survey.journalURL(for: CaseID("C1")))
        let report = try SurveyVerification.run(survey)
        #expect(report.ok)
        #expect(report.summary.tornTails == 1)
    }

    @Test func aJournalInTheWrongShardOrWithABadNameIsReported() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        let (bytes, _) = try writeSampleJournal(survey, caseID: "C1", count: 1)
        let id = try CaseID("C1")
        let wrongShard = SurveyDirectory.shard(for: id) == "00" ? "01" : "00"
        let misplaced = survey.journalsURL.appendingPathComponent(wrongShard)
        try FileManager.default.createDirectory(at: misplaced, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: survey.journalURL(for: id), to: misplaced.appendingPathComponent("C1.jsonl"))
        try Data(bytes).write(to: misplaced.appendingPathComponent(".odd name.jsonl"))
        let report = try SurveyVerification.run(survey)
        #expect(Set(report.journals.flatMap { $0.problems.map(\.kind) }).isSuperset(of: ["misplaced-file", "invalid-file-name"]))
        #expect(!report.ok)
    }

    @Test func aTamperedQuestionnaireFailsVerification() throws {
        let temp = try TemporaryDirectory()
        let survey = try makeSurvey(in: temp)
        try Data("{}".utf8).write(to: survey.questionnaireURL(sha256: SurveyDirectory.sha256Hex(sampleQuestionnaire)))
        let report = try SurveyVerification.run(survey)
        #expect(!report.ok)
        #expect(report.summary.damagedQuestionnaires == 1)
    }
}
