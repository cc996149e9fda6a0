import FieldworkChecker
import FieldworkModel
import FieldworkExpressions

/// The case's sample fields (sector, size band, borough …) as the engine sees them, and its values
/// from an earlier wave under the `preload.` prefix (`preload.prev_total`), which no sample field
/// name can collide with (sample field names are identifiers, without dots).
public struct SampleRecord: Hashable, Sendable {
    public var fields: [String: String]

    public init(_ fields: [String: String] = [:]) { self.fields = fields }

    /// Fields the questionnaire needs but this record lacks, reported before an interview starts.
    public func problems(for instrument: Instrument) -> [String] {
        var out: [String] = []
        for f in instrument.questionnaire.sampleFields where f.required {
            let value = fields[f.name]?.trimmingSpaces ?? ""
            if value.isEmpty {
                out.append("sample field \"\(f.name)\" is missing or empty; the questionnaire uses it")
            } else if f.kind == .number && Double(value) == nil {
                out.append("sample field \"\(f.name)\" should be a number, found \"\(value)\"")
            }
        }
        return out
    }

    func runtimeValue(field index: Int, in instrument: Instrument) -> RuntimeValue {
        guard let raw = fields[instrument.sampleFieldNames[index]]?.trimmingSpaces, !raw.isEmpty else { return .missing(.notAsked) }
        if instrument.sampleFieldIsNumber[index] {
            guard let d = Double(raw) else { return .missing(.undefined) }
            return .number(d)
        }
        return .text(raw)
    }

    /// The record with `values` (by preload name) stored under the `preload.` prefix.
    public func addingPreload(_ values: [String: String]) -> SampleRecord {
        var out = self
        for (name, value) in values { out.fields[ReservedNames.preloadRecordPrefix + name] = value }
        return out
    }

    /// The preload values of this record, by preload name.
    public var preloadValues: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in fields where key.hasPrefix(ReservedNames.preloadRecordPrefix) {
            out[String(key.dropFirst(ReservedNames.preloadRecordPrefix.count))] = value
        }
        return out
    }

    /// A preload value: absent or empty reads as not asked, so conditions on it are never true and
    /// fills show nothing; a number that does not parse is undefined.
    func runtimeValue(preload index: Int, in instrument: Instrument) -> RuntimeValue {
        let key = ReservedNames.preloadRecordPrefix + instrument.preloadFieldNames[index]
        guard let raw = fields[key]?.trimmingSpaces, !raw.isEmpty else { return .missing(.notAsked) }
        if instrument.preloadFieldIsNumber[index] {
            guard let d = Double(raw) else { return .missing(.undefined) }
            return .number(d)
        }
        return .text(raw)
    }
}

extension String {
    var trimmingSpaces: String {
        // Most values have nothing to trim: hand them back without building a new string.
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first != 32 && first != 9 && last != 32 && last != 9 { return self }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
