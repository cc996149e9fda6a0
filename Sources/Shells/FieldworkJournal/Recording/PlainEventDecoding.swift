import FieldworkEngine

/// Decodes interview events and session records straight from their bytes when they have exactly
/// the shapes the recorder writes (`JSONEncoder`, sorted keys, plain strings): the common case,
/// and most of an export's decoding time otherwise. Returns nil for anything else — unknown or
/// repeated keys, escapes, exponents, values of unexpected types — and the caller then uses the
/// general decoder, so results and error messages on unusual input are exactly the general ones.
enum PlainEventDecoding {
    static func event(from bytes: UnsafeBufferPointer<UInt8>) -> InterviewEvent? {
        var cursor = PlainJSONCursor(bytes)
        var type: String?
        var question: String?
        var response: Response?
        var check: String?
        var text: String?
        var outcome: String?
        // Which keys were read, as bits, so each shape can insist on exactly its own keys.
        let typeKey: UInt8 = 1, questionKey: UInt8 = 2, responseKey: UInt8 = 4, checkKey: UInt8 = 8, textKey: UInt8 = 16, outcomeKey: UInt8 = 32
        var seen: UInt8 = 0
        let read = cursor.object { key, value in
            let bit: UInt8
            let ok: Bool
            switch key {
            case "type": bit = typeKey; type = value.plainString(); ok = type != nil
            case "question": bit = questionKey; question = value.plainString(); ok = question != nil
            case "response": bit = responseKey; response = Self.response(&value); ok = response != nil
            case "check": bit = checkKey; check = value.plainString(); ok = check != nil
            case "text": bit = textKey; text = value.plainString(); ok = text != nil
            case "outcome": bit = outcomeKey; outcome = value.plainString(); ok = outcome != nil
            default: return false
            }
            guard ok, seen & bit == 0 else { return false }
            seen |= bit
            return true
        }
        guard read, cursor.atEnd, let type else { return nil }
        func address() -> QuestionAddress? { question.flatMap(QuestionAddress.init(parsing:)) }
        let keys = seen & ~typeKey
        switch type {
        case "shown", "jump":
            guard keys == questionKey, let a = address() else { return nil }
            return type == "shown" ? .shown(a) : .jump(a)
        case "answer", "dontknow", "refused":
            guard keys == questionKey | responseKey, let a = address(), let response else { return nil }
            return .answered(a, response)
        case "softcheck.confirmed":
            guard keys == checkKey | questionKey, let a = address(), let check else { return nil }
            return .softCheckConfirmed(a, check: check)
        case "note":
            guard let text else { return nil }
            if keys == textKey { return .note(nil, text: text) }
            guard keys == questionKey | textKey, let a = address() else { return nil }
            return .note(a, text: text)
        case "end":
            guard keys == outcomeKey, let outcome else { return nil }
            return .ended(outcome: outcome)
        case "back", "suspend", "resume", "complete":
            guard keys == 0 else { return nil }
            switch type {
            case "back": return .back
            case "suspend": return .suspended
            case "resume": return .resumed
            default: return .completed
            }
        default:
            return nil
        }
    }

    /// A response object in one of the encoder's shapes: a single member, or a choice (list) with
    /// its specify text(s) after it.
    static func response(_ cursor: inout PlainJSONCursor) -> Response? {
        var result: Response?
        var members = 0
        let read = cursor.object { key, value in
            members += 1
            switch (members, key) {
            case (1, "number"):
                guard let n = value.number() else { return false }
                result = .number(n)
            case (1, "text"):
                guard let t = value.plainString() else { return false }
                result = .text(t)
            case (1, "date"):
                guard let s = value.plainString(), let day = DateValue.dayNumber(s) else { return false }
                result = .date(day)
            case (1, "choice"):
                guard let code = value.integer() else { return false }
                result = .choice(code, specify: nil)
            case (2, "specify"):
                switch result {
                case .choice(let code, nil)?:
                    guard let text = value.plainString() else { return false }
                    result = .choice(code, specify: text)
                case .choices(let codes, let none)? where none.isEmpty:
                    var specify: [Int: String] = [:]
                    let ok = value.object { codeKey, text in
                        guard let code = Self.code(codeKey), specify[code] == nil, let t = text.plainString() else { return false }
                        specify[code] = t
                        return true
                    }
                    guard ok, !specify.isEmpty else { return false }
                    result = .choices(codes, specify: specify)
                default:
                    return false
                }
            case (1, "choices"):
                var codes: [Int] = []
                let ok = value.array { element in
                    guard let code = element.integer() else { return false }
                    codes.append(code)
                    return true
                }
                guard ok else { return false }
                result = .choices(codes, specify: [:])
            case (1, "grid"):
                var cells: [Response] = []
                let ok = value.array { element in
                    guard let cell = response(&element) else { return false }
                    cells.append(cell)
                    return true
                }
                guard ok else { return false }
                result = .grid(cells)
            case (1, "dk"), (1, "refused"), (1, "seen"):
                guard value.bool() == true else { return false }
                result = key == "dk" ? .dontKnow : (key == "refused" ? .refused : .seen)
            default:
                return false
            }
            return true
        }
        return read ? result : nil
    }

    /// A specify key: a code written as a plain decimal (what the encoder writes for an `Int`).
    private static func code(_ key: String) -> Int? {
        let utf8 = key.utf8
        guard !utf8.isEmpty, utf8.count <= 9, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              !(utf8.count > 1 && utf8.first == 48) else { return nil }
        return Int(key)
    }

    /// The parts of a `session.start` record a history keeps, when it has the recorder's shape.
    static func sessionStart(from bytes: UnsafeBufferPointer<UInt8>) -> (interviewer: String, questionnaire: QuestionnaireStamp)? {
        var cursor = PlainJSONCursor(bytes)
        var interviewer: String?
        var stamp: QuestionnaireStamp?
        var resumed: Bool?
        var accepted: Bool?
        var order = 0
        let read = cursor.object { key, value in
            order += 1
            switch (order, key) {
            case (1, "interviewer"):
                interviewer = value.plainString()
                return interviewer != nil
            case (2, "questionnaire"):
                var id: String?, sha: String?, version: String?
                var fields = 0
                let ok = value.object { field, text in
                    fields += 1
                    switch (fields, field) {
                    case (1, "id"): id = text.plainString(); return id != nil
                    case (2, "sha256"): sha = text.plainString(); return sha != nil
                    case (3, "version"): version = text.plainString(); return version != nil
                    default: return false
                    }
                }
                guard ok, let id, let sha, let version else { return false }
                stamp = QuestionnaireStamp(id: id, version: version, sha256: sha)
                return true
            case (3, "questionnaireChangeAccepted"):
                accepted = value.bool()
                return accepted != nil
            case (3, "resumed"), (4, "resumed"):
                guard order == 3 || accepted != nil else { return false }
                resumed = value.bool()
                return resumed != nil
            default:
                return false
            }
        }
        guard read, cursor.atEnd, resumed != nil, let interviewer, let stamp else { return nil }
        return (interviewer, stamp)
    }

    /// The reason of a `session.end` record of the recorder's shape `{"reason":"…"}`.
    static func sessionEndReason(from bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var cursor = PlainJSONCursor(bytes)
        var reason: String?
        let read = cursor.object { key, value in
            guard key == "reason", reason == nil else { return false }
            reason = value.plainString()
            return reason != nil
        }
        return read && cursor.atEnd ? reason : nil
    }

    /// A `call.outcome` record of the encoder's shape: optional interviewer and note around the outcome.
    static func callOutcome(from bytes: UnsafeBufferPointer<UInt8>) -> CaseHistory.CallOutcome? {
        var cursor = PlainJSONCursor(bytes)
        var interviewer: String?, note: String?, outcome: String?
        var last = ""
        let read = cursor.object { key, value in
            // Sorted keys: interviewer < note < outcome, each at most once.
            guard key > last else { return false }
            last = key
            switch key {
            case "interviewer": interviewer = value.plainString(); return interviewer != nil
            case "note": note = value.plainString(); return note != nil
            case "outcome": outcome = value.plainString(); return outcome != nil
            default: return false
            }
        }
        guard read, cursor.atEnd, let outcome else { return nil }
        return CaseHistory.CallOutcome(outcome: outcome, note: note, interviewer: interviewer)
    }
}
