import Foundation

/// The report as JSON: every figure, n/a as null, keys sorted so that two reports diff cleanly.
enum JSONReportRenderer {
    static func render(_ report: SurveyReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}
