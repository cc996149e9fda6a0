import FieldworkScreen
import FieldworkEngine
import FieldworkModel

/// Measures what an interviewer feels after each key: the controller handling it, the engine
/// deciding and applying the command (without the journal's fsync, which is measured separately
/// by the journal benchmark), and the next frame being composed.
///
/// The walk answers generically — the first offered code, the smallest allowed number, "x" for
/// text, the earliest allowed date, confirming soft checks — and starts again at the end screen,
/// so a whole questionnaire's screens are covered in proportion to their length.
public enum InterviewBenchmark {
    public struct Result: Sendable, Hashable, CustomStringConvertible {
        public var keypresses: Int
        public var interviewsCompleted: Int
        public var p50Microseconds: Double
        public var p99Microseconds: Double
        public var maxMicroseconds: Double

        public var description: String {
            func f(_ v: Double) -> String { String((v * 10).rounded() / 10) }
            return "keypress → frame: \(keypresses) keys over \(interviewsCompleted) interviews, p50 \(f(p50Microseconds)) µs, p99 \(f(p99Microseconds)) µs, max \(f(maxMicroseconds)) µs"
        }
    }

    /// Walks `start` (a fresh interview) repeatedly until at least `iterations` keys were timed.
    public static func run(start: Interview, iterations: Int, size: ScreenSize = .minimum,
                           context: InterviewScreenContext = InterviewScreenContext(caseID: "BENCH", interviewerID: "I0", sampleDisplay: ["Bench Ltd", "020 0000 0000"], elapsedSeconds: 0)) -> Result {
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations + 64)
        var completed = 0
        var interview = start
        var controller = InterviewController()
        controller.sync(with: interview)
        var stuck = 0
        var lastOwner = controller.inputOwner
        var checksum = 0
        while samples.count < iterations {
            if interview.isAtEndScreen || !interview.state.status.isOpen {
                completed += 1
                interview = start
                controller = InterviewController()
                controller.sync(with: interview)
                continue
            }
            let keys = nextKeys(interview: interview, controller: controller, stuck: stuck)
            for key in keys {
                let began = clock.now
                let intent = controller.handle(key, interview: interview)
                if case .perform(let command) = intent {
                    let result: InterviewPerformResult
                    switch interview.decide(command) {
                    case .rejected(let rejection): result = .rejected(rejection)
                    case .accepted(let events):
                        var left: [QuestionAddress] = []
                        for event in events {
                            if case .success(let effect) = interview.apply(event) { left += effect.leftPath.map { interview.address(of: $0) } }
                        }
                        result = .recorded(leftPath: left)
                    }
                    controller.finished(command, result: result, interview: interview)
                }
                let composition = InterviewScreen.compose(interview: interview, controller: controller, context: context, size: size)
                let elapsed = began.duration(to: clock.now)
                checksum &+= composition.frame.rows.count
                samples.append(Double(elapsed.components.seconds) * 1_000_000 + Double(elapsed.components.attoseconds) / 1_000_000_000_000)
            }
            if controller.inputOwner == lastOwner && !interview.isAtEndScreen { stuck += 1 } else { stuck = 0 }
            lastOwner = controller.inputOwner
        }
        precondition(checksum > 0 || samples.isEmpty)
        samples.sort()
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, max(0, Int((Double(samples.count) * p).rounded(.up)) - 1))] }
        return Result(keypresses: samples.count, interviewsCompleted: completed,
                      p50Microseconds: percentile(0.5), p99Microseconds: percentile(0.99), maxMicroseconds: samples.last ?? 0)
    }

    /// The keys an interviewer would type to answer the current screen generically.
    static func nextKeys(interview: Interview, controller: InterviewController, stuck: Int) -> [Key] {
        if case .softCheck? = controller.dialog { return [.character("y")] }
        if controller.dialog != nil { return [.escape] }
        guard let view = interview.currentView() else { return [.enter] }
        if stuck >= 2 { return [stuck % 2 == 0 ? .function(2) : .function(3)] }
        func typed(_ text: String) -> [Key] { [.ctrl("u")] + text.map { Key.character($0) } + [.enter] }
        switch view.question.kind {
        case .statement: return [.enter]
        case .single:
            return typed(String(view.options.first?.code ?? 1)) + (view.options.first?.takesSpecify == true ? typed("x") : [])
        case .multiple:
            guard let option = view.options.first(where: { !$0.exclusive && !$0.takesSpecify }) ?? view.options.first else { return [.enter] }
            return typed(String(option.code)) + (option.takesSpecify ? typed("x") : []) + [.enter]
        case .grid(let items):
            return items.flatMap { _ in typed(String(view.options.first?.code ?? 1)) }
        case .integer(let minimum, _, _):
            return typed(String(minimum ?? 1))
        case .decimal(let minimum, _, _, _):
            return typed(ValueFormatter.number(minimum ?? 0))
        case .text:
            return typed("x")
        case .date(let minimum, _):
            return typed(minimum ?? "2025-01-15")
        }
    }
}
