import Foundation

extension SampleSchema {
    /// File name of an explicit sample schema in a survey directory (until it is derived from the
    /// questionnaire): `{"fields": [{"name": "phone", "required": true, "identifier": true, "kind": "phone"}], "allowsExtraColumns": false}`.
    public static let fileName = "sample-schema.json"

    /// The survey's schema, or `.permissive` when the directory has no `sample-schema.json`.
    public static func load(fromSurveyDirectory directory: URL) throws -> SampleSchema {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return .permissive }
        do {
            return try JSONDecoder().decode(SampleSchema.self, from: Data(contentsOf: url))
        } catch {
            throw CaseStoreError.invalidConfiguration("\(url.path): not a valid sample schema (\(error))")
        }
    }
}
