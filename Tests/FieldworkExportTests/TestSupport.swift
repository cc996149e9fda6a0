import Testing
import Foundation
@testable import FieldworkExport

/// A fresh directory per test, removed by the caller with `defer`.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("fieldwork-export-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func directoryListing(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
}

/// Rows that fail part-way through the writing pass, as a database error would.
struct FailingRowSource: ExportRowSource {
    struct Failure: Error {}
    let rows: [[ExportCell]]
    let failAfter: Int

    func rowCount() throws -> Int { rows.count }

    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        for (index, row) in rows.enumerated() {
            if index == failAfter { throw Failure() }
            try body(row)
        }
    }
}

/// Reports one more row than it produces, as a source changing underneath the export would.
struct MiscountingRowSource: ExportRowSource {
    let rows: [[ExportCell]]
    func rowCount() throws -> Int { rows.count + 1 }
    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        for row in rows { try body(row) }
    }
}

/// Runs a program and returns its standard output, or nil if it is not installed.
func runProgram(_ name: String, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String)? {
    let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    guard let executable = searchPath.split(separator: ":").map({ "\($0)/\(name)" })
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Runs PSPP syntax in `directory` and returns its CSV report, recording a test issue if PSPP
/// failed or reported an error; nil (with a note) when PSPP is not installed.
func psppReport(_ syntax: String, in directory: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String? {
    try syntax.write(to: directory.appendingPathComponent("read.sps"), atomically: true, encoding: .utf8)
    guard let (status, output) = try runProgram("pspp", ["-o", "out.csv", "read.sps"], in: directory) else {
        print("skipped: pspp is not installed (apt-get install pspp)")
        return nil
    }
    let report = (try? String(contentsOf: directory.appendingPathComponent("out.csv"), encoding: .utf8)) ?? ""
    #expect(status == 0, "\(output)\n\(report)", sourceLocation: sourceLocation)
    #expect(!report.contains("error"), "\(report)", sourceLocation: sourceLocation)
    return report
}

