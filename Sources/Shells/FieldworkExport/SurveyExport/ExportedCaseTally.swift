import FieldworkJournal
import Foundation

/// The counting pass of a survey export: how many cases each questionnaire version would export,
/// from the journals' record kinds alone (`InterviewStanding`). Journals are split into contiguous runs read on separate
/// threads; the outcome, including which error is reported first, is the same as reading them in
/// order, because only the error of the earliest failing journal is thrown.
enum ExportedCaseTally {
    /// Exported cases per questionnaire hash (`currentSHA` for journals that never named one).
    ///
    /// Uses more threads than cores by default: with a cold page cache this pass waits on the disk
    /// (it checks only a few lines per journal), and several reads in flight keep the disk busy.
    static func count(caseIDs files: [String], journals: any JournalStore, includePartials: Bool, currentSHA: String,
                      workers: Int = max(8, ProcessInfo.processInfo.activeProcessorCount)) throws -> [String: Int] {
        guard !files.isEmpty else { return [:] }
        let runs = max(1, min(workers, 32, files.count))
        let results = RunResults(count: runs)
        let done = DispatchGroup()
        // Plain threads rather than `concurrentPerform`, which runs no more at once than there are cores.
        @Sendable func work(_ run: Int) {
            let range = (files.count * run / runs)..<(files.count * (run + 1) / runs)
            var tally: [String: Int] = [:]
            for index in range {
                let caseID = files[index]
                do {
                    let standing = InterviewStanding.read(journalBytes: try journals.journalBytes(caseID: caseID), caseID: caseID)
                    if CaseOutline.Standing(standing).isExported(includePartials: includePartials) {
                        tally[standing.lastQuestionnaire?.sha256 ?? currentSHA, default: 0] += 1
                    }
                } catch {
                    results.store(run, .failure(index: index, SurveyExportError.survey("\(journals.journalLocation): cannot read the journal of \(caseID): \(error)")))
                    return
                }
            }
            results.store(run, .success(tally))
        }
        for run in 1..<runs {
            done.enter()
            let thread = Thread {
                work(run)
                done.leave()
            }
            thread.start()
        }
        work(0)
        done.wait()
        var total: [String: Int] = [:]
        for outcome in results.all() {
            switch outcome {
            case .success(let tally): total.merge(tally, uniquingKeysWith: +)
            case .failure(_, let error): throw error  // runs are in file order: the first failure is the earliest
            case nil: break
            }
        }
        return total
    }

    enum RunOutcome {
        case success([String: Int])
        case failure(index: Int, SurveyExportError)
    }

    /// Per-run outcomes written by the worker threads.
    final class RunResults: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [RunOutcome?]

        init(count: Int) { outcomes = Array(repeating: nil, count: count) }

        func store(_ run: Int, _ outcome: RunOutcome) {
            lock.lock()
            outcomes[run] = outcome
            lock.unlock()
        }

        func all() -> [RunOutcome?] {
            lock.lock()
            defer { lock.unlock() }
            return outcomes
        }
    }
}
