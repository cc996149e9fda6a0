import ArgumentParser
import FieldworkJournal
import Foundation

/// A failure of the survey-directory commands, already explained in words.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    /// Runs `body`; any failure is printed as `error: …` on stderr (no stack trace, no usage text)
    /// and turned into exit status 1.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch {
            let message: String
            switch error {
            case let failure as CommandFailure: message = failure.description
            case let journal as JournalError: message = journal.description
            default: message = String(describing: error)
            }
            Output.error("error: \(message)")
            throw ExitCode.failure
        }
    }
}
