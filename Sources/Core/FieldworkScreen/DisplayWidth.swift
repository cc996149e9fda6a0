/// How many terminal columns text occupies.
///
/// The pure core may not call C, so `wcwidth(3)` is out of reach; this is a small re-statement of
/// the same rule, close enough to glibc's that clipping and wrapping here agree with where ncurses
/// actually puts the cursor:
/// - controls (C0, DEL, C1) take 0 columns (the renderer shows them as visible escapes anyway);
/// - combining and enclosing marks, format characters and Hangul medial/final jamo take 0;
/// - East Asian Wide and Fullwidth characters and emoji with emoji presentation take 2;
/// - everything else takes 1.
///
/// A `Character` (grapheme cluster) is measured as the sum of its scalars, which is what
/// ncurses does when it adds the scalars one by one.
public enum DisplayWidth {
    /// Columns taken by one Unicode scalar: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Fast path for printable ASCII, by far the most common case.
        if value >= 0x20 && value < 0x7F { return 1 }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value == 0xAD { return 1 }  // soft hyphen: glibc draws it
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) {
            return 0  // Hangul medial vowels and final consonants combine into the preceding syllable
        }
        if (0x1F1E6...0x1F1FF).contains(value) { return 1 }  // regional indicators: a flag is two of them
        if prependedConcatenationMarks.contains(value) { return 1 }  // format characters that are drawn
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if isWide(value) || scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Columns taken by one grapheme cluster (the sum of its scalars' widths).
    public static func of(_ character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total += of(scalar) }
        return total
    }

    /// Columns taken by a whole string.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks, inclusive, sorted, non-overlapping.
    /// Emoji are handled by the `isEmojiPresentation` property instead of listing them here.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x2E99, 0x2E9B...0x2EF3,  // CJK radicals supplement
        0x2F00...0x2FD5,    // Kangxi radicals
        0x2FF0...0x2FFF,    // ideographic description characters
        0x3000...0x303E,    // CJK symbols and punctuation (ideographic space is fullwidth)
        0x3041...0x3096, 0x3099...0x30FF,  // Hiragana, Katakana
        0x3105...0x312F, 0x3131...0x318E,  // Bopomofo, Hangul compatibility jamo
        0x3190...0x31E5, 0x31EF...0x321E,  // Kanbun, CJK strokes, Katakana ext., enclosed CJK
        0x3220...0xA48C,    // enclosed CJK, CJK compatibility, CJK ext. A, Yijing, CJK unified, Yi
        0xA490...0xA4C6,    // Yi radicals
        0xA960...0xA97C,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,  // CJK compatibility and small forms
        0xFF01...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
        0x16FE0...0x16FE4, 0x16FF0...0x16FF1,  // ideographic symbols
        0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08,  // Tangut, Khitan
        0x1AFF0...0x1AFF3, 0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE,  // Kana extended B
        0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
        0x1B164...0x1B167, 0x1B170...0x1B2FB,  // Kana supplement, Nushu
        0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248,  // enclosed ideographic supplement
        0x1F250...0x1F251, 0x1F260...0x1F265,
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extension G and beyond
    ]

    /// Arabic, Syriac and Kaithi number signs: format characters (category Cf) that occupy a column.
    static let prependedConcatenationMarks: Set<UInt32> = [
        0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD,
    ]

    static func isWide(_ value: UInt32) -> Bool {
        if value < 0x1100 { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
