/// Cutting text to a format's limit without splitting a character: a label cut mid-"é" is an
/// invalid UTF-8 byte sequence that SPSS and Stata display as garbage or reject.
public enum UTF8Cut {
    /// The longest prefix of `text` made of whole characters whose UTF-8 form fits `maxBytes`.
    public static func prefix(_ text: String, maxBytes: Int) -> String {
        if text.utf8.count <= maxBytes { return text }
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let size = text[index..<next].utf8.count
            if bytes + size > maxBytes { break }
            bytes += size
            end = next
        }
        return String(text[..<end])
    }

    /// The longest prefix of whole characters with at most `maxScalars` Unicode scalars (Stata
    /// counts label length in Unicode characters) and at most `maxBytes` UTF-8 bytes.
    public static func prefix(_ text: String, maxScalars: Int, maxBytes: Int) -> String {
        if text.unicodeScalars.count <= maxScalars && text.utf8.count <= maxBytes { return text }
        var scalars = 0
        var bytes = 0
        var end = text.startIndex
        for index in text.indices {
            let next = text.index(after: index)
            let character = text[index..<next]
            let scalarCount = character.unicodeScalars.count
            let size = character.utf8.count
            if scalars + scalarCount > maxScalars || bytes + size > maxBytes { break }
            scalars += scalarCount
            bytes += size
            end = next
        }
        return String(text[..<end])
    }
}
