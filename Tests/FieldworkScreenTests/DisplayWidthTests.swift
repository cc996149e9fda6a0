import Testing
@testable import FieldworkScreen

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test("ASCII, Latin and currency take one column per character")
    func narrow() {
        #expect(DisplayWidth.of("Zoë £5") == 6)
        #expect(DisplayWidth.of("Müller & Søn Ltd") == 16)
        #expect(DisplayWidth.of("€£¥") == 3)
    }

    @Test("combining marks take no column")
    func combining() {
        let decomposed = "Zoe\u{0308}"  // e + combining diaeresis
        #expect(decomposed.count == 3)
        #expect(DisplayWidth.of(decomposed) == 3)
        #expect(DisplayWidth.of(Character("e\u{0301}")) == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x20DD)!) == 0)  // enclosing circle
    }

    @Test("East Asian wide, fullwidth and emoji take two columns")
    func wide() {
        #expect(DisplayWidth.of("東京") == 4)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("カタカナ") == 8)
        #expect(DisplayWidth.of("ＡＢ") == 4)         // fullwidth Latin
        #expect(DisplayWidth.of("\u{3000}") == 2)     // ideographic space
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("🇬🇧") == 2)          // flag: two regional indicators
        #expect(DisplayWidth.of("\u{20000}") == 2)    // CJK extension B
    }

    @Test("half-width forms and neighbours of wide blocks stay narrow")
    func boundaries() {
        #expect(DisplayWidth.of("ｶ") == 1)            // U+FF76 halfwidth katakana
        #expect(DisplayWidth.of("\u{303F}") == 1)
        #expect(DisplayWidth.of("\u{10FF}") == 1)
        #expect(DisplayWidth.of("\u{A4D0}") == 1)     // Lisu, after Yi
    }

    @Test("controls take no column; format characters take none; soft hyphen one")
    func controls() {
        for value: UInt32 in [0x00, 0x07, 0x1B, 0x7F, 0x85, 0x9B] {
            #expect(DisplayWidth.of(Unicode.Scalar(value)!) == 0, "U+\(String(value, radix: 16))")
        }
        #expect(DisplayWidth.of("\u{200B}") == 0)  // zero-width space
        #expect(DisplayWidth.of("\u{200D}") == 0)  // zero-width joiner
        #expect(DisplayWidth.of("\u{00AD}") == 1)
    }

    @Test("Hangul written as conjoining jamo is as wide as the syllable")
    func hangulJamo() {
        let syllable = "\u{D55C}"                     // 한
        let jamo = "\u{1112}\u{1161}\u{11AB}"         // ᄒ + ᅡ + ᆫ
        #expect(DisplayWidth.of(syllable) == 2)
        #expect(DisplayWidth.of(jamo) == 2)
    }
}

#if canImport(Glibc)
import Glibc

/// Cross-checks against glibc's wcwidth (the function ncurses uses) over whole blocks. The core
/// may not call C, but its tests can, to show the hand-written table agrees with the system.
@Suite("DisplayWidth agrees with wcwidth")
struct DisplayWidthAgainstWcwidthTests {
    @Test("every assigned scalar in common blocks measures as glibc measures it")
    func agreesWithGlibc() throws {
        guard let locale = setlocale(LC_CTYPE, "C.UTF-8"), String(cString: locale) == "C.UTF-8" else {
            Issue.record("C.UTF-8 locale is not available; cannot compare with wcwidth")
            return
        }
        let blocks: [ClosedRange<UInt32>] = [
            0x20...0x24F, 0x300...0x36F, 0x590...0x6FF, 0x900...0x97F, 0x1100...0x11FF, 0x2000...0x2BFF,
            0x2E80...0x9FFF, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE00...0xFFEF, 0x1F000...0x1FAFF,
        ]
        // Glibc's Swift overlay does not export wcwidth (it needs _XOPEN_SOURCE), so look it up.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcwidth") else {
            Issue.record("wcwidth not found in the C library")
            return
        }
        typealias WcwidthFunction = @convention(c) (wchar_t) -> Int32
        let wcwidth = unsafeBitCast(symbol, to: WcwidthFunction.self)
        var disagreements: [String] = []
        for block in blocks {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let system = Int(wcwidth(wchar_t(bitPattern: value)))
                if system < 0 { continue }  // unassigned in glibc's Unicode version
                if DisplayWidth.of(scalar) != system {
                    disagreements.append("U+\(String(value, radix: 16, uppercase: true)): ours \(DisplayWidth.of(scalar)), wcwidth \(system)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }
}
#endif
