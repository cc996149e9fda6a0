import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation
import Testing
@testable import FieldworkExport

/// The pieces that make survey exports fast must not change what they produce.
@Suite("Survey export: pipeline")
struct ExportPipelineTests {
    struct Boom: Error, Equatable { var index: Int }

    @Test("prefetched values arrive in order, and a producer error arrives in its place and stops production")
    func prefetchKeepsOrderAndErrors() throws {
        let all = OrderedPrefetch(count: 500, capacity: 4) { $0 * 3 }
        var seen: [Int] = []
        while let value = try all.next() { seen.append(value) }
        all.finish()
        #expect(seen == (0..<500).map { $0 * 3 })

        let failing = OrderedPrefetch(count: 100, capacity: 8) { index -> Int in
            if index == 37 { throw Boom(index: index) }
            return index
        }
        var before: [Int] = []
        #expect(throws: Boom(index: 37)) {
            while let value = try failing.next() { before.append(value) }
        }
        failing.finish()
        #expect(before == Array(0..<37))
    }

    @Test("a consumer that stops early stops the producer")
    func prefetchStopsWhenAbandoned() throws {
        let produced = Counter()
        let prefetch = OrderedPrefetch(count: 10_000, capacity: 2) { index -> Int in
            produced.increment()
            return index
        }
        #expect(try prefetch.next() == 0)
        prefetch.finish()
        #expect(produced.value < 10, "produced \(produced.value) values for one consumed")
    }

    @Test("several workers hand their values over in order; an error arrives in its place and nothing after it is consumed")
    func parallelPrefetchKeepsOrderAndErrors() throws {
        for workers in [2, 3, 8] {
            // Uneven work, so workers finish out of order.
            let all = OrderedPrefetch(count: 2_000, capacity: 16, workers: workers) { index -> Int in
                if index % 7 == 0 { usleep(50) }
                return index * 3
            }
            var seen: [Int] = []
            while let value = try all.next() { seen.append(value) }
            all.finish()
            #expect(seen == (0..<2_000).map { $0 * 3 }, "\(workers) workers")

            let failing = OrderedPrefetch(count: 1_000, capacity: 8, workers: workers) { index -> Int in
                if index == 37 || index == 40 { throw Boom(index: index) }
                if index % 5 == 0 { usleep(30) }
                return index
            }
            var before: [Int] = []
            #expect(throws: Boom(index: 37)) {
                while let value = try failing.next() { before.append(value) }
            }
            #expect(try failing.next() == nil, "nothing after the error")
            failing.finish()
            #expect(before == Array(0..<37), "\(workers) workers")
        }
    }

    @Test("with several workers, at most `capacity` values are made ahead of the consumer")
    func parallelPrefetchStaysWithinCapacity() throws {
        let produced = Counter()
        let prefetch = OrderedPrefetch(count: 10_000, capacity: 4, workers: 3) { index -> Int in
            produced.increment()
            return index
        }
        #expect(try prefetch.next() == 0)
        usleep(20_000)
        #expect(produced.value <= 1 + 4, "produced \(produced.value) values for one consumed")
        prefetch.finish()
    }

    @Test("a record window shared by several threads gives each case its own record, each block fetched about once")
    func recordWindowIsSafeAcrossThreads() throws {
        let lookup = CountingRecords()
        let ids = (0..<2_000).map { "C\($0)" }
        let window = CaseRecordWindow(lookup: lookup, caseIDs: ids, size: 100)
        let prefetch = OrderedPrefetch(count: ids.count, capacity: 32, workers: 4) { index in
            try window.record(at: index)
        }
        var position = 0
        while let record = try prefetch.next() {
            #expect(record == (try lookup.record(caseID: ids[position])), "\(ids[position])")
            position += 1
        }
        prefetch.finish()
        #expect(position == ids.count)
        // 20 blocks; out-of-order requests never reach back more than one block, which is kept.
        #expect(lookup.batches == 20, "\(lookup.batches) batch queries")
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func increment() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    @Test("path answers look up like a dictionary built in order, later entries winning")
    func pathAnswersMatchADictionary() {
        var random = SystemRandomNumberGenerator()
        var entries: [(key: InstanceKey, response: Response)] = []
        for _ in 0..<300 {
            let key = InstanceKey(item: Int.random(in: 0..<40, using: &random),
                                  iteration: LoopPass(packed: UInt32.random(in: 0..<5, using: &random)))
            entries.append((key, .number(Double(Int.random(in: 0..<1000, using: &random)))))
        }
        var dictionary: [InstanceKey: Response] = [:]
        for entry in entries { dictionary[entry.key] = entry.response }
        let answers = PathAnswers(entries)
        #expect(answers.count == dictionary.count)
        for item in 0..<41 {
            for packed in UInt32(0)..<6 {
                let key = InstanceKey(item: item, iteration: LoopPass(packed: packed))
                #expect(answers[key] == dictionary[key], "\(key)")
            }
        }
        #expect(PathAnswers([])[InstanceKey(item: 0, iteration: .none)] == nil)
    }

    @Test("column traits declare exactly the variable's missing codes")
    func columnTraitsDeclareMissingCodes() {
        let codes = [-1.0, -2, -3, -9]
        for count in 0...codes.count {
            let variable = ExportVariable(name: "v", label: "", kind: .numeric(decimals: 0),
                                          missing: codes.prefix(count).map { MissingCode(code: $0, label: "m", stataTag: "a") })
            let column = AnswerCells.Column(variable)
            for code in codes + [0, 1] {
                #expect(column.declares(code) == (variable.missingCode(code) != nil), "\(count) codes, \(code)")
            }
            #expect(column.isNumeric)
        }
    }

    /// A lookup that counts its batch queries.
    final class CountingRecords: CaseRecordLookup, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var batches = 0
        func record(caseID: String) throws -> CaseRecord? {
            caseID.hasSuffix("7") ? nil : CaseRecord(fields: ["id": caseID], finalDisposition: caseID.hasSuffix("1") ? "1.1" : nil)
        }
        func records(caseIDs: [String]) throws -> [String: CaseRecord] {
            lock.lock(); batches += 1; lock.unlock()
            var found: [String: CaseRecord] = [:]
            for id in caseIDs { if let r = try record(caseID: id) { found[id] = r } }
            return found
        }
        func finalCode(forCallOutcome outcome: String) -> String? { nil }
    }

    @Test("a record window gives each case the record a per-case lookup gives, a window per query")
    func recordWindowMatchesPerCaseLookups() throws {
        let lookup = CountingRecords()
        let ids = (0..<1000).map { "C\($0)" }
        let window = CaseRecordWindow(lookup: lookup, caseIDs: ids, size: 100)
        for (position, id) in ids.enumerated() {
            #expect(try window.record(at: position) == (try lookup.record(caseID: id)))
        }
        #expect(lookup.batches == 10)
    }

    @Test("the parallel counting pass counts what a sequential one does, and reports the earliest unreadable journal")
    func tallyMatchesSequentialCount() throws {
        var fixture = try SurveyFixture()
        defer { fixture.remove() }
        for index in 0..<9 {
            let answers: [InterviewCommand] = [.answer(.choice(2, specify: nil)), .answer(.text("c\(index)")), .answer(.choice(1, specify: nil))]
            try fixture.record("C\(index)", index % 3 == 0 ? Array(answers.prefix(1)) : answers, complete: index % 3 != 0)
        }
        try fixture.change(to: surveyQuestionnaire(version: "2", extraQuestion: true))
        for index in 9..<12 {
            try fixture.record("C\(index)", [.answer(.choice(2, specify: nil)), .answer(.text("x")), .answer(.choice(1, specify: nil)),
                                            .answer(.choice(1, specify: nil))])
        }
        let files = try fixture.directory.journalFiles().sorted { $0.caseID < $1.caseID }
        for includePartials in [false, true] {
            var sequential: [String: Int] = [:]
            for file in files {
                let read = try JournalReader.read(fileAt: file.url, expectedCaseID: file.caseID)
                let outline = CaseOutline(history: CaseHistory(caseID: file.caseID, read: read))
                if outline.isExported(includePartials: includePartials) {
                    sequential[outline.stamp?.sha256 ?? "current", default: 0] += 1
                }
            }
            for workers in [1, 2, 3, 8] {
                let tally = try ExportedCaseTally.count(files: files, includePartials: includePartials, currentSHA: "current", workers: workers)
                #expect(tally == sequential, "partials \(includePartials), \(workers) workers")
            }
        }
        #expect(try ExportedCaseTally.count(files: [], includePartials: true, currentSHA: "x").isEmpty)

        // Two unreadable journals (directories where files should be): the earlier one is reported.
        let broken = [files[2], files[7]]
        for file in broken {
            try FileManager.default.removeItem(at: file.url)
            try FileManager.default.createDirectory(at: file.url, withIntermediateDirectories: false)
        }
        for workers in [1, 2, 4] {
            do {
                _ = try ExportedCaseTally.count(files: files, includePartials: true, currentSHA: "current", workers: workers)
                Issue.record("expected an unreadable journal to be reported")
            } catch {
                #expect("\(error)".contains(broken[0].url.path), "\(workers) workers: \(error)")
            }
        }
    }
}
