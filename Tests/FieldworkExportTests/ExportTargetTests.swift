import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FieldworkExport
import FieldworkTestSupport

/// `--force` replaces regular files only: FIFOs and character devices are written into as streams,
/// symbolic links and directories are refused with a message naming them.
struct ExportTargetTests {
    private func fileType(_ path: String) -> mode_t {
        var info = stat()
        #expect(lstat(path, &info) == 0)
        return info.st_mode & S_IFMT
    }

    @Test(arguments: ExportFormat.allCases)
    func devNullStaysACharacterDevice(format: ExportFormat) throws {
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                             format: format, to: URL(fileURLWithPath: "/dev/null"), overwrite: true)
        #expect(summary.rowCount == 5)
        #expect(summary.files == [URL(fileURLWithPath: "/dev/null")])  // no /dev/null.labels.csv
        #expect(fileType("/dev/null") == S_IFCHR)
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.labels.csv"))
    }

    @Test func fifoIsStreamedIntoAndStaysAFifo() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe.csv")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let received = ReceivedBytes()
        let reader = Thread {
            received.data = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data()
            received.done.signal()
        }
        reader.start()
        let summary = try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                             format: .csv, to: fifo, overwrite: true)
        received.done.wait()
        #expect(summary.rowCount == 5)
        #expect(fileType(fifo.path) == S_IFIFO)
        #expect(String(decoding: received.data, as: UTF8.self).hasPrefix("caseid,sector,turnover,comment\r\n1,1,12.5,"))
        #expect(summary.warnings.contains { $0.contains("labels and variables files were not written") })
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("pipe.labels.csv").path))
    }

    @Test(arguments: [false, true])
    func symbolicLinkIsRefusedNamingItsTarget(force: Bool) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real.csv")
        try Data("keep".utf8).write(to: real)
        let link = directory.appendingPathComponent("link.csv")
        #expect(symlink(real.path, link.path) == 0)
        do {
            try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                   format: .csv, to: link, overwrite: force)
            Issue.record("wrote through a symbolic link")
        } catch let error as ExportError {
            #expect(error.description.contains(link.path))
            #expect(error.description.contains("symbolic link to \(real.path)"))
        }
        #expect(fileType(link.path) == S_IFLNK)
        #expect(try String(contentsOf: real, encoding: .utf8) == "keep")
    }

    @Test func directoryIsRefused() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: ExportError.unsupportedTarget(path: directory.path, reason: "is a directory; pass a file name")) {
            try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                                   format: .sav, to: directory, overwrite: true)
        }
    }

    @Test func regularFileIsStillReplacedWithForce() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("data.csv")
        try Data("old".utf8).write(to: target)
        try ExportWriter.write(schema: ExportSampleDataset.schema, rows: ExportSampleDataset.rowSource,
                               format: .csv, to: target, overwrite: true)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix("caseid,"))
        #expect(fileType(target.path) == S_IFREG)
    }
}

/// Bytes a reader thread collected, handed back to the test.
private final class ReceivedBytes: @unchecked Sendable {
    var data = Data()
    let done = DispatchSemaphore(value: 0)
}
