import Foundation

/// The contents of `fieldwork.json`: which questionnaire versions this survey has used.
/// Questionnaire bytes are pinned so every recorded interview can be replayed against exactly the
/// questionnaire it was asked with, even after the questionnaire is changed mid-fieldwork.
public struct SurveyManifest: Codable, Sendable, Equatable {
    /// The value of `format`, marking the directory as a Fieldwork survey directory.
    public static let formatName = "fieldwork-survey-directory"
    public static let currentFormatVersion = 1

    public var format: String
    public var formatVersion: Int
    public var createdAt: Date
    /// SHA-256 (hex) of the questionnaire new interviews use.
    public var currentQuestionnaire: String
    /// Every version ever pinned, oldest first.
    public var questionnaires: [PinnedQuestionnaire]

    public init(createdAt: Date, currentQuestionnaire: String, questionnaires: [PinnedQuestionnaire]) {
        self.format = SurveyManifest.formatName
        self.formatVersion = SurveyManifest.currentFormatVersion
        self.createdAt = createdAt
        self.currentQuestionnaire = currentQuestionnaire
        self.questionnaires = questionnaires
    }

    /// The pinned entry of the current questionnaire.
    public var current: PinnedQuestionnaire? {
        questionnaires.first { $0.sha256 == currentQuestionnaire }
    }
}

/// One questionnaire version stored byte-exact under `questionnaires/<sha256>.json`.
public struct PinnedQuestionnaire: Codable, Sendable, Equatable {
    /// Lowercase hex SHA-256 of the questionnaire file's bytes.
    public var sha256: String
    /// The questionnaire's own `id` and `version` fields, for people reading the manifest.
    public var id: String
    public var version: String
    public var pinnedAt: Date

    public init(sha256: String, id: String, version: String, pinnedAt: Date) {
        self.sha256 = sha256
        self.id = id
        self.version = version
        self.pinnedAt = pinnedAt
    }
}
