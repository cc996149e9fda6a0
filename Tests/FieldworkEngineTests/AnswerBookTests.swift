import FieldworkChecker
import Testing
@testable import FieldworkEngine

/// Nested loops (a count loop inside a forEach loop) around the crime survey's frames.
private let nestedLoops = questionnaire("""
  {"type": "multiple", "id": "crimes", "text": "Which happened?", "codeFrame": "crimes"},
  {"type": "loop", "id": "victim", "forEach": "crimes", "items": [
    {"type": "integer", "id": "times", "text": "How many times?", "min": 0, "max": 3},
    {"type": "loop", "id": "incident", "count": "times", "items": [
      {"type": "integer", "id": "cost", "text": "What did incident {item.index} cost?", "min": 0, "max": 100}
    ]}
  ]},
  {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 20}
""")

@Suite("Answer slots and the answer book")
struct AnswerBookTests {
    @Test func everyOccurrenceHasItsOwnSlotInKeyOrder() throws {
        let instrument = try instrument(nestedLoops)
        let slots = instrument.answerSlots
        let occurrences = slots.occurrences()
        #expect(occurrences.count == slots.count)
        // crimes 1 + times 4 passes + cost 4 × 3 + comments 1.
        #expect(slots.count == 1 + 4 + 12 + 1)
        #expect(occurrences.map(\.slot) == Array(0..<slots.count))
        #expect(occurrences.map(\.key) == occurrences.map(\.key).sorted())
        for (key, slot) in occurrences { #expect(slots.slot(of: key) == slot) }
    }

    @Test func questionsInLoopsTooLargeToNumberKeepTheirAnswersByKey() throws {
        // 1,000 passes × 3 questions: more than the slots an instrument gets.
        let big = questionnaire("""
          {"type": "integer", "id": "sites", "text": "How many sites?", "min": 0, "max": 1000},
          {"type": "loop", "id": "site", "count": "sites", "max": 1000, "items": [
            {"type": "integer", "id": "staff", "text": "Staff at site {item.index}?", "min": 0, "max": 100},
            {"type": "single", "id": "owned", "text": "Owned?", "codeFrame": "yesno", "askIf": "staff > 5"},
            {"type": "integer", "id": "rooms", "text": "Rooms?", "min": 0, "max": 100}
          ]},
          {"type": "text", "id": "comments", "text": "Anything else?", "maxLength": 20}
        """)
        let instrument = try instrument(big)
        #expect(instrument.answerSlots.count <= AnswerSlots.limit)
        let staff = try #require(instrument.questionIndex(id: "staff"))
        let rooms = try #require(instrument.questionIndex(id: "rooms"))
        #expect(instrument.answerSlots.isKeyed(question: rooms) || instrument.answerSlots.isKeyed(question: staff))
        var s = Session(instrument)
        s.answer(.n(3))
        s.answer(.n(9)); s.answer(.one(1)); s.answer(.n(2))
        s.answer(.n(1)); s.answer(.n(4))
        #expect(s.current == "staff[3]")
        s.jump("staff[1]")
        s.answer(.n(1))                                  // owned[1] leaves the path
        #expect(s.status("owned[1]") == .offPath)
        #expect(s.path.prefix(4) == ["sites", "staff[1]", "rooms[1]", "staff[2]"])
        let (replayed, problems) = Interview.replay(instrument: instrument, sample: s.interview.sample, events: s.events)
        #expect(problems.isEmpty)
        #expect(replayed.state == s.state)
    }

    @Test func occurrencesOutsideTheLoopsBoundsHaveNoSlot() throws {
        let instrument = try instrument(nestedLoops)
        let slots = instrument.answerSlots
        let times = try #require(instrument.questionIndex(id: "times"))
        let cost = try #require(instrument.questionIndex(id: "cost"))
        #expect(slots.slot(of: InstanceKey(item: times, iteration: .none)) == nil)      // unindexed, from outside
        #expect(slots.slot(of: InstanceKey(item: times, iteration: LoopPass([5]))) == nil) // past the frame
        #expect(slots.slot(of: InstanceKey(item: cost, iteration: LoopPass([1]))) == nil)  // too shallow
        #expect(slots.slot(of: InstanceKey(item: cost, iteration: LoopPass([2, 4]))) == nil) // past the count maximum
        #expect(slots.slot(of: InstanceKey(item: cost, iteration: LoopPass([2, 3]))) != nil)
    }

    /// The book against a dictionary, through random sets, removals, status changes and copies.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func behavesLikeADictionary(seed: UInt64) throws {
        let instrument = try instrument(nestedLoops)
        var rng = SeededRandom(seed: seed)
        var book = AnswerBook(for: instrument)
        var model: [InstanceKey: StoredAnswer] = [:]
        var snapshots: [(AnswerBook, [InstanceKey: StoredAnswer])] = []
        func randomKey() -> InstanceKey {
            let item = Int(rng.next() % UInt64(instrument.questions.count))
            // Mostly valid passes, sometimes out of bounds (kept by key instead of by slot).
            let depth = instrument.questions[item].loops.count
            let passes = (0..<depth).map { _ in Int(rng.next() % 6) + 1 }
            return InstanceKey(item: item, iteration: LoopPass(passes))
        }
        for step in 0..<400 {
            let key = randomKey()
            switch rng.next() % 5 {
            case 0, 1:
                let checks: Set<String> = rng.chance(0.2) ? ["c\(step % 3)"] : []
                let answer = StoredAnswer(response: .number(Double(step)), status: rng.chance(0.8) ? .active : .offPath, confirmations: checks.map { SoftCheckConfirmation(check: $0, readValues: [.number(Double(step))]) })
                book[key] = answer
                model[key] = answer
            case 2:
                book[key] = nil
                model[key] = nil
            case 3:
                let changed = book.setStatus(.offPath, for: key)
                #expect(changed == (model[key] != nil))
                model[key]?.status = .offPath
            default:
                snapshots.append((book, model))
            }
            #expect(book[key] == model[key])
            #expect(book.isActive(key) == (model[key]?.status == .active))
            #expect(book.activeResponse(key) == (model[key]?.status == .active ? model[key]?.response : nil))
            #expect(book.count == model.count)
        }
        #expect(book.map(\.key) == model.keys.sorted())
        for (key, value) in book { #expect(model[key] == value) }
        // Copies taken along the way were not disturbed by later writes.
        for (copy, expected) in snapshots {
            #expect(copy.count == expected.count)
            for (key, value) in expected { #expect(copy[key] == value) }
        }
        var cleared = book
        cleared.removeAll()
        #expect(cleared.isEmpty && cleared.map(\.key).isEmpty)
        #expect(book.count == model.count)
    }

    @Test func equalBooksAreEqualWhateverTheirHistory() throws {
        let instrument = try instrument(nestedLoops)
        let key = InstanceKey(item: 0, iteration: .none)
        var a = AnswerBook(for: instrument)
        var b = AnswerBook(for: instrument)
        a[key] = StoredAnswer(response: .choices([1], specify: [:]), status: .active)
        b[key] = StoredAnswer(response: .choices([2], specify: [:]), status: .active, confirmations: [SoftCheckConfirmation(check: "x", readValues: [])])
        #expect(a != b)
        b[key] = StoredAnswer(response: .choices([1], specify: [:]), status: .active)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }
}
