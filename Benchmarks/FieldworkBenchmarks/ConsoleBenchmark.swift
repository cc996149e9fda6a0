import FieldworkBasics
import FieldworkCases
import Foundation

/// Does the supervisor's console slow the sessions? Twenty session processes pick and record cases on
/// one store; the p99 of picking a case is measured with and without a console process polling
/// `supervisorSnapshot` (each second: three times the console's default rate), in alternating phases
/// of the same run so both see the same machine load.
///
///   fieldwork-bench console [--quick]
///   (children: fieldwork-bench console-picker DIR NAME SECONDS, console-poller DIR SECONDS INTERVAL)
enum ConsoleBenchmark {
    /// Monday 20 October 2025, 10:00 London: inside calling hours, so every pick finds a fresh case.
    static let monday = LocalDateTime(year: 2025, month: 10, day: 20, hour: 10, minute: 0)

    static func run(quick: Bool) {
        do {
            let sessions = 20
            let phaseSeconds = quick ? 3.0 : 8.0
            let phases = quick ? 2 : 4
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-console-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteCaseStore(surveyDirectory: directory)
            let rows = (0..<30_000).map { SampleCase(id: "B\($0)", fields: ["business_name": "Business \($0)"], line: $0 + 2) }
            let start = monday.instant(in: store.rules.timeZone)!
            _ = try store.importCases(ParsedSample(source: "bench.csv", columns: ["case_id", "business_name"], cases: rows), now: start)

            var without: [Double] = []
            var with: [Double] = []
            var snapshotMs: [Double] = []
            for phase in 0..<phases {
                let polling = phase % 2 == 1
                var pickers: [(Process, Pipe)] = []
                for n in 0..<sessions {
                    pickers.append(try child(["console-picker", directory.path, "int\(phase)-\(n)", String(phaseSeconds)]))
                }
                let poller = polling ? try child(["console-poller", directory.path, String(phaseSeconds), "1"]) : nil
                var latencies: [Double] = []
                for (process, pipe) in pickers {
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    latencies += String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { Double($0) }
                }
                if let (process, pipe) = poller {
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    snapshotMs += String(decoding: output, as: UTF8.self).split(separator: "\n").compactMap { Double($0) }
                }
                if polling { with += latencies } else { without += latencies }
            }
            with.sort()
            without.sort()
            let p99Without = percentile(without, 0.99), p99With = percentile(with, 0.99)
            let ratio = p99Without > 0 ? p99With / p99Without : 0
            BenchmarkResult(name: "console.pick.p99.without", value: p99Without, unit: "ms",
                            details: ["picks": Double(without.count), "p50": percentile(without, 0.5), "sessions": Double(sessions)]).emit()
            BenchmarkResult(name: "console.pick.p99.with", value: p99With, unit: "ms",
                            details: ["picks": Double(with.count), "p50": percentile(with, 0.5), "snapshots": Double(snapshotMs.count)]).emit()
            snapshotMs.sort()
            BenchmarkResult(name: "console.snapshot.p50", value: percentile(snapshotMs, 0.5), unit: "ms",
                            details: ["max": snapshotMs.last ?? 0]).emit()
            BenchmarkResult(name: "console.pick.p99.ratio", value: ratio, unit: "x", target: "<= 1.5", passed: ratio <= 1.5).emit()
        } catch {
            FileHandle.standardError.write(Data("console benchmark failed: \(error)\n".utf8))
        }
    }

    /// Starts this benchmark binary again with `arguments`, its standard output piped back.
    static func child(_ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        return (process, pipe)
    }

    /// A session: pick a case (timed), a short pause as if dialling, record "busy", a short pause; until time is up.
    /// Prints each pick's milliseconds.
    static func picker(directory: String, name: String, seconds: Double) throws {
        let store = try SQLiteCaseStore(surveyDirectory: URL(fileURLWithPath: directory))
        let now = monday.instant(in: store.rules.timeZone)!
        let end = Date().addingTimeInterval(seconds)
        var out = ""
        while Date() < end {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let lease = try store.nextCase(for: name, now: now)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            out += String(ms) + "\n"
            guard let lease else { break }
            usleep(20_000)
            _ = try store.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: name, outcome: .busy), now: now)
            usleep(30_000)
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The console: a snapshot every `interval` seconds until time is up; prints each snapshot's milliseconds.
    static func poller(directory: String, seconds: Double, interval: Double) throws {
        let store = try SQLiteCaseStore(surveyDirectory: URL(fileURLWithPath: directory))
        let now = monday.instant(in: store.rules.timeZone)!.addingTimeInterval(60)
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let t0 = DispatchTime.now().uptimeNanoseconds
            _ = try store.supervisorSnapshot(now: now)
            print(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            usleep(useconds_t(interval * 1_000_000))
        }
    }
}
