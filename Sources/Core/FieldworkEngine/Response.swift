/// What the respondent said to one question. Don't know and refused are answers in their own
/// right: they are recorded, flow into conditions and leave as missing-value codes.
public enum Response: Hashable, Sendable {
    case number(Double)
    case text(String)
    /// Days since 1970-01-01.
    case date(Int)
    case choice(Int, specify: String?)
    /// Codes in the order of the code frame; specify texts keyed by option code.
    case choices([Int], specify: [Int: String])
    /// One response per grid item: `.choice`, `.dontKnow` or `.refused`.
    case grid([Response])
    case dontKnow
    case refused
    /// One of the extra non-answers of `missingCodes.extra` ("too many to count"), by name; only
    /// where the question's `allowMissing` names it.
    case missingCode(String)
    /// A statement was read out; nothing to record.
    case seen

    public var isMissing: Bool {
        switch self {
        case .dontKnow, .refused, .missingCode: return true
        default: return false
        }
    }
}

extension Response: Codable {
    private enum Key: String, CodingKey { case number, text, date, choice, choices, specify, grid, dk, refused, missing, seen }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        if let n = try c.decodeIfPresent(Double.self, forKey: .number) { self = .number(n); return }
        if let t = try c.decodeIfPresent(String.self, forKey: .text) { self = .text(t); return }
        if let d = try c.decodeIfPresent(String.self, forKey: .date) {
            guard let day = DateValue.dayNumber(d) else {
                throw DecodingError.dataCorruptedError(forKey: .date, in: c, debugDescription: "not a YYYY-MM-DD date: \(d)")
            }
            self = .date(day)
            return
        }
        if let code = try c.decodeIfPresent(Int.self, forKey: .choice) {
            self = .choice(code, specify: try c.decodeIfPresent(String.self, forKey: .specify))
            return
        }
        if let codes = try c.decodeIfPresent([Int].self, forKey: .choices) {
            let raw = try c.decodeIfPresent([String: String].self, forKey: .specify) ?? [:]
            var specify: [Int: String] = [:]
            for (k, v) in raw { if let code = Int(k) { specify[code] = v } }
            self = .choices(codes, specify: specify)
            return
        }
        if let cells = try c.decodeIfPresent([Response].self, forKey: .grid) { self = .grid(cells); return }
        if try c.decodeIfPresent(Bool.self, forKey: .dk) == true { self = .dontKnow; return }
        if try c.decodeIfPresent(Bool.self, forKey: .refused) == true { self = .refused; return }
        if let name = try c.decodeIfPresent(String.self, forKey: .missing) { self = .missingCode(name); return }
        if try c.decodeIfPresent(Bool.self, forKey: .seen) == true { self = .seen; return }
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unrecognised response"))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .number(let n): try c.encode(n, forKey: .number)
        case .text(let t): try c.encode(t, forKey: .text)
        case .date(let d): try c.encode(DateValue.text(dayNumber: d), forKey: .date)
        case .choice(let code, let specify):
            try c.encode(code, forKey: .choice)
            try c.encodeIfPresent(specify, forKey: .specify)
        case .choices(let codes, let specify):
            try c.encode(codes, forKey: .choices)
            if !specify.isEmpty {
                var raw: [String: String] = [:]
                for (k, v) in specify { raw[String(k)] = v }
                try c.encode(raw, forKey: .specify)
            }
        case .grid(let cells): try c.encode(cells, forKey: .grid)
        case .dontKnow: try c.encode(true, forKey: .dk)
        case .refused: try c.encode(true, forKey: .refused)
        case .missingCode(let name): try c.encode(name, forKey: .missing)
        case .seen: try c.encode(true, forKey: .seen)
        }
    }
}
