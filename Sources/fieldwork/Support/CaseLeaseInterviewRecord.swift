import FieldworkCases
import FieldworkEngine

extension CaseLease {
    /// The record the interview reads: the case's sample fields (with `typed` ones from the command
    /// line taking precedence) and its preload values under the `preload.` prefix.
    func interviewRecord(typed: [String: String] = [:]) -> SampleRecord {
        SampleRecord(fields.merging(typed) { _, typed in typed }).addingPreload(preload)
    }
}
