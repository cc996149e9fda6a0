import FieldworkScreen
/// A benchmark hook for the pure drawing path: composing and laying out a realistic interview
/// frame (wrapping, width measurement, escaping), without a terminal. The benchmarks executable
/// calls it so regressions in layout cost show up as numbers, not as a sluggish screen.
public enum ScreenBenchmark {
    /// Timing summary in microseconds.
    public struct Result: Sendable, Hashable, CustomStringConvertible {
        public var iterations: Int
        public var p50Microseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double
        /// Rows produced across all iterations (keeps the work observable, and the optimiser honest).
        public var rowsComposed: Int

        public var description: String {
            "frame composition: \(iterations) iterations, p50 \(format(p50Microseconds)) µs, "
                + "p99 \(format(p99Microseconds)) µs, max \(format(maxMicroseconds)) µs"
        }

        private func format(_ value: Double) -> String {
            let rounded = (value * 10).rounded() / 10
            return String(rounded)
        }
    }

    /// A frame like a busy interview screen: title, a long read-aloud question with names and
    /// currency, instructions, a wrapped answer list, an input line with CJK and accents, footer.
    public static func composeRealisticFrame(size: ScreenSize = .minimum, typed: String = "Zoë's Café £1,250 東京") -> ScreenFrame {
        var builder = FrameBuilder(size: size)
        builder.bar("Business Attitudes Survey · Case 100234 · Q14 of 52", right: "12:41")
        builder.blank()
        builder.prefixed(
            "Thinking about the next twelve months, how likely or unlikely is it that Müller & Søn "
                + "Ltd will increase the number of people it employs in London? Would you say it is very "
                + "likely, fairly likely, neither likely nor unlikely, fairly unlikely or very unlikely?",
            style: .readAloud, first: "Q14. ", prefixStyle: .heading)
        builder.blank()
        builder.instruction("Read out the scale. If the respondent hesitates, repeat it once. Code DON'T KNOW only if volunteered.")
        builder.blank()
        let options = ["Very likely", "Fairly likely", "Neither likely nor unlikely", "Fairly unlikely", "Very unlikely", "Don't know (do not read out)", "Refused (do not read out)"]
        for (index, option) in options.enumerated() {
            builder.line([Span("  \(index + 1). ", .dim), Span(option, index == 2 ? .selected : .normal)])
        }
        builder.blank()
        var editor = LineEditor(text: typed, maxLength: 200)
        editor.moveWordLeft()
        let field = editor.visibleSlice(width: size.width - 10)
        let inputRow = builder.nextRow
        builder.line([Span("Answer: ", .heading), Span(field.text, .input)])
        builder.placeCursor(row: inputRow, column: 8 + field.cursorColumn)
        builder.footer("F1 help  F2 note  F9 back  F10 save & exit", right: "\u{1B}]0;x\u{07} ok")
        return builder.build()
    }

    /// Composes the realistic frame `iterations` times at `size` and reports p50/p99/max.
    public static func run(iterations: Int, size: ScreenSize = .minimum) -> Result {
        let count = max(1, iterations)
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(count)
        var checksum = 0
        for iteration in 0..<count {
            let typed = "Zoë's Café £\(iteration) 東京"
            let start = clock.now
            let frame = composeRealisticFrame(size: size, typed: typed)
            let elapsed = clock.now - start
            checksum &+= frame.rows.count
            let parts = elapsed.components
            samples.append(Double(parts.seconds) * 1_000_000 + Double(parts.attoseconds) / 1_000_000_000_000)
        }
        samples.sort()
        func percentile(_ p: Double) -> Double {
            samples[min(samples.count - 1, Int((Double(samples.count) * p).rounded(.up)) - 1)]
        }
        return Result(iterations: count, p50Microseconds: percentile(0.50),
                      p99Microseconds: percentile(0.99), maxMicroseconds: samples.last ?? 0, rowsComposed: checksum)
    }
}
