import FieldworkBasics
import FieldworkEngine
import FieldworkExpressions
import Foundation

extension JournalCodec {
    /// The fast path of `JournalCodec`'s reading: decodes record data straight from its bytes when
    /// it has exactly a shape the writer produces (`JSONEncoder`, sorted keys, strings of printable
    /// ASCII without escapes), and returns nil for anything else — unknown or repeated keys, escapes,
    /// non-ASCII text, exponents, values of unexpected types — so that the general path decides.
    /// Whatever it returns is what the general path would return for the same bytes.
    enum FastPath {
        static func event(from bytes: UnsafeBufferPointer<UInt8>) -> InterviewEvent? {
            var cursor = PlainJSONCursor(bytes)
            var type: PlainJSONCursor.Name?
            var question: PlainJSONCursor.Name?
            var response: Response?
            var check: String?
            var text: String?
            var outcome: String?
            var endpoint: String?
            var date: String?
            var seed: Int?
            var language: String?
            // Which keys were read, as bits, so each shape can insist on exactly its own keys.
            let typeKey: UInt16 = 1, questionKey: UInt16 = 2, responseKey: UInt16 = 4, checkKey: UInt16 = 8, textKey: UInt16 = 16,
                outcomeKey: UInt16 = 32, endpointKey: UInt16 = 64, dateKey: UInt16 = 128, seedKey: UInt16 = 256, languageKey: UInt16 = 512
            var seen: UInt16 = 0
            let read = cursor.object { key, value in
                let bit: UInt16
                let ok: Bool
                switch key {
                case "type": bit = typeKey; type = value.plainName(); ok = type != nil
                case "question": bit = questionKey; question = value.plainName(); ok = question != nil
                case "response": bit = responseKey; response = Self.response(&value); ok = response != nil
                case "check": bit = checkKey; check = value.plainString(); ok = check != nil
                case "text": bit = textKey; text = value.plainString(); ok = text != nil
                case "outcome": bit = outcomeKey; outcome = value.plainString(); ok = outcome != nil
                case "endpoint": bit = endpointKey; endpoint = value.plainString(); ok = endpoint != nil
                case "date": bit = dateKey; date = value.plainString(); ok = date != nil
                case "seed": bit = seedKey; seed = value.integer(); ok = seed != nil
                case "language": bit = languageKey; language = value.plainString(); ok = language != nil
                default: return false
                }
                guard ok, seen & bit == 0 else { return false }
                seen |= bit
                return true
            }
            guard read, cursor.atEnd, let type else { return nil }
            func address() -> QuestionAddress? { question.flatMap(Self.address) }
            let keys = seen & ~typeKey
            switch type {
            case "shown":
                guard keys == questionKey, let a = address() else { return nil }
                return .shown(a)
            case "jump":
                guard keys == questionKey, let a = address() else { return nil }
                return .jump(a)
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
            case "endpoint":
                guard keys == endpointKey | outcomeKey, let endpoint, let outcome else { return nil }
                return .endReached(endpoint: endpoint, outcome: outcome)
            case "date":
                guard keys == dateKey, let day = date.flatMap(CivilDate.init(parsing:)) else { return nil }
                return .interviewDated(day: day.daysSinceEpoch)
            case "seed":
                guard keys == seedKey, let seed, seed >= 0, UInt64(seed) < DrawnOrder.seedLimit else { return nil }
                return .seeded(UInt64(seed))
            case "language":
                guard keys == languageKey, let language else { return nil }
                return .languageChosen(language)
            case "back":
                return keys == 0 ? .back : nil
            case "suspend":
                return keys == 0 ? .suspended : nil
            case "resume":
                return keys == 0 ? .resumed : nil
            case "complete":
                return keys == 0 ? .completed : nil
            default:
                return nil
            }
        }

        /// A question address: a plain id is taken as it is (the common case, no second scan); one
        /// with loop passes goes through the engine's parser.
        static func address(_ name: PlainJSONCursor.Name) -> QuestionAddress? {
            guard !name.bytes.isEmpty else { return nil }
            if name.bytes.contains(UInt8(ascii: "[")) { return QuestionAddress(parsing: name.text) }
            return QuestionAddress(id: name.text)
        }

        /// How deeply grids may nest responses here; anything deeper is left to the general reader,
        /// which refuses it, rather than recursing without bound on hostile bytes.
        static let maximumDepth = 512

        /// A response object in one of the encoder's shapes: a single member, or a choice (list) with
        /// its specify text(s) after it.
        static func response(_ cursor: inout PlainJSONCursor, depth: Int = 0) -> Response? {
            guard depth < maximumDepth else { return nil }
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
                        guard let cell = response(&element, depth: depth + 1) else { return false }
                        cells.append(cell)
                        return true
                    }
                    guard ok else { return false }
                    result = .grid(cells)
                case (1, "dk"):
                    guard value.bool() == true else { return false }
                    result = .dontKnow
                case (1, "refused"):
                    guard value.bool() == true else { return false }
                    result = .refused
                case (1, "seen"):
                    guard value.bool() == true else { return false }
                    result = .seen
                case (1, "missing"):
                    guard let name = value.plainString() else { return false }
                    result = .missingCode(name)
                default:
                    return false
                }
                return true
            }
            return read ? result : nil
        }

        /// A specify key: a code written as a plain decimal (what the encoder writes for an `Int`).
        private static func code(_ key: PlainJSONCursor.Name) -> Int? {
            let digits = key.bytes
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
                  !(digits.count > 1 && digits[0] == 48) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        }

        /// A `session.start` record of the recorder's shape (the change flag only when set).
        static func sessionStart(from bytes: UnsafeBufferPointer<UInt8>) -> SessionStart? {
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
            guard read, cursor.atEnd, let resumed, let interviewer, let stamp else { return nil }
            return SessionStart(interviewer: interviewer, questionnaire: stamp, resumed: resumed, questionnaireChangeAccepted: accepted)
        }

        /// A `session.end` record of the recorder's shape `{"reason":"…"}`.
        static func sessionEnd(from bytes: UnsafeBufferPointer<UInt8>) -> SessionEnd? {
            var cursor = PlainJSONCursor(bytes)
            var reason: String?
            let read = cursor.object { key, value in
                guard case "reason" = key, reason == nil else { return false }
                reason = value.plainString()
                return reason != nil
            }
            guard read, cursor.atEnd, let reason else { return nil }
            return SessionEnd(reason: reason)
        }

        /// A `call.outcome` record of the encoder's shape: optional interviewer and note around the outcome.
        static func callOutcome(from bytes: UnsafeBufferPointer<UInt8>) -> CaseHistory.CallOutcome? {
            var cursor = PlainJSONCursor(bytes)
            var interviewer: String?, note: String?, outcome: String?
            var last = -1
            let read = cursor.object { key, value in
                // Sorted keys: interviewer < note < outcome, each at most once.
                let position: Int
                let text = value.plainString()
                switch key {
                case "interviewer": position = 0; interviewer = text
                case "note": position = 1; note = text
                case "outcome": position = 2; outcome = text
                default: return false
                }
                guard text != nil, position > last else { return false }
                last = position
                return true
            }
            guard read, cursor.atEnd, let outcome else { return nil }
            return CaseHistory.CallOutcome(outcome: outcome, note: note, interviewer: interviewer)
        }
    }
}
