@testable import FieldworkEngine

/// Makes small random questionnaires that should check clean: single, multiple and integer
/// questions with random askIf conditions on earlier answers, checks on integers, a forEach loop
/// over a multiple-choice question and a count loop over an integer one.
struct RandomQuestionnaire {
    enum Kind { case single, multiple, integer }
    struct Question {
        let id: String
        let kind: Kind
    }

    private var rng: SeededRandom
    private var counter = 0

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    static func json(seed: UInt64) -> String {
        var g = RandomQuestionnaire(seed: seed)
        return g.make()
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
    private mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + Int(rng.next() % UInt64(r.count)) }

    private mutating func make() -> String {
        var items: [String] = []
        var topLevel: [Question] = []
        var fromLoop: [String] = []   // integer questions in the forEach loop, for q[a] references
        var available: [[Question]] = []   // top-level questions asked by the end of each item
        let count = int(3...7)
        let eachAfter = int(0...count - 1)
        let countAfter = int(1...count - 1)
        for i in 0..<count {
            let kind: Kind = i == 0 ? .multiple : i == 1 ? .integer : pick([.single, .multiple, .integer])
            let q = Question(id: "q\(i)", kind: kind)
            var askIf = i < 2 ? nil : condition(on: topLevel)
            if askIf == nil, !fromLoop.isEmpty, rng.chance(0.4) { askIf = "\(pick(fromLoop))[a] > 2" }
            items.append(question(q, askIf: askIf))
            topLevel.append(q)
            available.append(topLevel)
            if i == eachAfter {
                let source = pick(topLevel.filter { $0.kind == .multiple })
                var body: [Question] = []
                var bodyJSON: [String] = []
                for j in 0..<int(1...2) {
                    let bq = Question(id: "e\(j)", kind: pick([.single, .integer]))
                    bodyJSON.append(question(bq, askIf: condition(on: body + topLevel)))
                    body.append(bq)
                    if bq.kind == .integer { fromLoop.append(bq.id) }
                }
                if let driver = body.first(where: { $0.kind == .integer }), rng.chance(0.5) {
                    let inner = question(Question(id: "n0", kind: .single), askIf: condition(on: [driver]))
                    bodyJSON.append(#"{"type": "loop", "id": "inner", "count": "\#(driver.id)", "max": 2, "items": [\#(inner)]}"#)
                }
                let loopIf = rng.chance(0.5) ? #", "askIf": "not ('none' in \#(source.id))""# : ""
                items.append(#"{"type": "loop", "id": "each", "forEach": "\#(source.id)"\#(loopIf), "items": [\#(bodyJSON.joined(separator: ", "))]}"#)
                available.append(topLevel)
            }
            if i == countAfter {
                let source = pick(topLevel.filter { $0.kind == .integer })
                let body = question(Question(id: "c0", kind: .single), askIf: rng.chance(0.5) ? "item.index > 1" : nil)
                items.append(#"{"type": "loop", "id": "repeat", "count": "\#(source.id)", "max": 3, "items": [\#(body)]}"#)
                available.append(topLevel)
            }
        }
        if rng.chance(0.5) {
            items.append(#"{"type": "computed", "id": "total", "expression": "count(q0)", "valueType": "integer"}"#)
            items.append(#"{"type": "single", "id": "last", "text": "Last?", "codeFrame": "abc", "askIf": "total > 1"}"#)
            available.append(topLevel)
            available.append(topLevel)
        }
        // Sometimes the second half is a section of its own, asked only on a condition.
        var sections = #"{"id": "main", "title": "Main", "items": [\#(items.joined(separator: ",\n   "))]}"#
        if items.count > 2, rng.chance(0.5) {
            let split = int(1...items.count - 1)
            if let askIf = condition(on: available[split - 1], forced: true) {
                sections = #"{"id": "main", "title": "Main", "items": [\#(items[..<split].joined(separator: ",\n   "))]},"#
                    + #"{"id": "more", "title": "More", "askIf": "\#(askIf)", "items": [\#(items[split...].joined(separator: ",\n   "))]}"#
            }
        }
        return """
        {"id": "random", "version": "1", "title": "Random", "languages": ["en"],
         "codeFrames": {
           "abc": [{"code": 1, "name": "a", "label": "A"}, {"code": 2, "name": "b", "label": "B"}, {"code": 3, "name": "c", "label": "C"}],
           "items": [{"code": 1, "name": "a", "label": "A"}, {"code": 2, "name": "b", "label": "B"}, {"code": 3, "name": "c", "label": "C"},
                     {"code": 4, "name": "d", "label": "D"}, {"code": 9, "name": "none", "label": "None", "exclusive": true}]
         },
         "sections": [\(sections)]}
        """
    }

    private mutating func condition(on earlier: [Question], depth: Int = 0, forced: Bool = false) -> String? {
        guard !earlier.isEmpty, forced || rng.chance(0.55) else { return nil }
        let q = pick(earlier)
        var c: String
        switch q.kind {
        case .single: c = pick(["\(q.id) == 'a'", "\(q.id) != 'b'", "\(q.id) == 3", "dontknow(\(q.id))"])
        case .multiple: c = pick(["'b' in \(q.id)", "count(\(q.id)) > 1", "not ('a' in \(q.id))"])
        case .integer: c = pick(["\(q.id) > 2", "\(q.id) <= 4", "\(q.id) == 0"])
        }
        if depth < 2, rng.chance(0.25), let more = condition(on: earlier, depth: depth + 1) {
            c = "(\(c)) \(pick(["or", "and"])) (\(more))"
        }
        if rng.chance(0.15) { c = "not (\(c))" }
        return c
    }

    private mutating func question(_ q: Question, askIf: String?) -> String {
        var parts = [#""type": "\#(q.kind)", "id": "\#(q.id)", "text": "Question \#(q.id)?""#]
        switch q.kind {
        case .single: parts.append(#""codeFrame": "abc""#)
        case .multiple: parts.append(#""codeFrame": "items""#)
        case .integer:
            parts.append(#""min": 0, "max": 6"#)
            if rng.chance(0.4) {
                parts.append(#""checks": [{"id": "odd", "require": "\#(q.id) != 5", "message": "not 5", "severity": "hard"}, {"id": "big", "require": "\#(q.id) < 6", "message": "big?", "severity": "soft"}]"#)
            }
        }
        if let askIf { parts.append(#""askIf": "\#(askIf)""#) }
        if rng.chance(0.2) { parts.append(#""allowDontKnow": false"#) }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}
