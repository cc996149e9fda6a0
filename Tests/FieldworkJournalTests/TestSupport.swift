import Foundation
@testable import FieldworkJournal
#if canImport(Glibc)
import Glibc
#endif

/// A fresh private temporary directory, removed when the value is deinitialised.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        var template = Array(URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fieldwork-journal-test-XXXXXX").path.utf8CString)
        guard let pointer = mkdtemp(&template) else { throw JournalError.system(operation: "mkdtemp", path: "", errno: errno) }
        url = URL(fileURLWithPath: String(cString: pointer))
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ component: String) -> URL { url.appendingPathComponent(component) }
}

let sampleQuestionnaire = Data(#"{"id":"bas-2026","version":"1.0","questions":[]}"#.utf8)

func makeSurvey(in temp: TemporaryDirectory, name: String = "survey") throws -> SurveyDirectory {
    try SurveyDirectory.create(at: temp.path(name), questionnaireBytes: sampleQuestionnaire,
                               questionnaireID: "bas-2026", version: "1.0")
}

struct Answer: Codable, Equatable {
    var question: String
    var value: Int
    var note: String?
}

let testHolder = HolderInfo(interviewerID: "INT07", pid: 4242, hostname: "cati-03",
                            since: Date(timeIntervalSince1970: 1_796_000_000))

func permissions(_ url: URL) -> mode_t {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return 0o7777 }
    return info.st_mode & 0o777
}

/// A deterministic random number generator (SplitMix64) so failures can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes `count` answer records to case `caseID` and returns the journal's bytes and the records.
func writeSampleJournal(_ survey: SurveyDirectory, caseID: String = "C001", count: Int = 5) throws -> ([UInt8], [JournalRecord]) {
    let id = try CaseID(caseID)
    let journal = try CaseJournal.open(directory: survey, caseID: id, holder: testHolder)
    var records: [JournalRecord] = []
    for index in 1...count {
        let at = Date(timeIntervalSince1970: 1_796_000_000 + Double(index) * 1.5)
        records.append(try journal.append(kind: index == count ? "interview.complete" : "answer", at: at,
                                          data: Answer(question: "Q\(index)", value: index * 10, note: index == 2 ? "über \"quoted\"\n" : nil)))
    }
    journal.close()
    let bytes = [UInt8](try Data(contentsOf: survey.journalURL(for: id)))
    return (bytes, records)
}

/// Records are equal apart from `line`, which is 0 for records returned by `append`.
func sameContent(_ a: JournalRecord, _ b: JournalRecord) -> Bool {
    a.seq == b.seq && a.caseID == b.caseID && a.at == b.at && a.kind == b.kind && a.data == b.data
}
