import ArgumentParser
import Foundation

/// `fieldwork-testkit`: drivers the tests need and users never should — crash tests append to a
/// journal and are killed, concurrency tests lease cases from many processes, reader tests get
/// fixed export files, screen tests drive a demonstration screen. Built beside `fieldwork` but not
/// a product, so none of it ships in the `fieldwork` binary.
@main
struct FieldworkTestKit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldwork-testkit",
        abstract: "Test drivers for Fieldwork's end-to-end tests (not shipped).",
        subcommands: [
            JournalStressCommand.self,
            LeaseTestCommand.self,
            ExportSelfTestCommand.self,
            TerminalDemoCommand.self,
            SoakWorkerCommand.self,
        ]
    )
}

/// A failure already explained in words: printed as `error: …` on stderr, exit status 1 (the
/// same shape as `fieldwork`'s own errors, which the tests compare against).
struct TestKitFailure: Error, CustomStringConvertible {
    let description: String

    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
