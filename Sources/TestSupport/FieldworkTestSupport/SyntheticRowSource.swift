import FieldworkExport
/// Generated rows for benchmarks and memory checks: deterministic, produced on the fly, so a
/// million-row export can run without a million rows ever being in memory at once.
public struct SyntheticRowSource: ExportRowSource, Sendable {
    public let count: Int

    public init(count: Int) {
        self.count = count
    }

    /// A schema shaped like a survey: an id, labelled single codes with DK/Ref, a number, text.
    public static let schema = ExportSchema(variables: [
        ExportVariable(name: "caseid", label: "Case identifier", kind: .numeric(decimals: 0)),
        ExportVariable(name: "q1", label: "Satisfaction", kind: .numeric(decimals: 0),
                       valueLabels: (1...5).map { ValueLabel(Double($0), "Level \($0)") },
                       missing: [.dontKnow, .refused]),
        ExportVariable(name: "q2", label: "Employees", kind: .numeric(decimals: 0), missing: [.dontKnow, .refused]),
        ExportVariable(name: "q3", label: "Comment", kind: .string(maxBytes: 40)),
    ], fileLabel: "Synthetic benchmark data")

    public func rowCount() throws -> Int { count }

    public func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        for index in 0..<count {
            let q1: ExportCell = index % 17 == 0 ? .missing(code: -1) : index % 23 == 0 ? .missing(code: -2) : .number(Double(index % 5 + 1))
            let q2: ExportCell = index % 11 == 0 ? .systemMissing : .number(Double(index % 250))
            let q3: ExportCell = index % 3 == 0 ? .text("Row \(index), £\(index % 100) – café") : .systemMissing
            try body([.number(Double(index + 1)), q1, q2, q3])
        }
    }
}
