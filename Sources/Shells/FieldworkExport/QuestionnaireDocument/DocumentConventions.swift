import FieldworkBasics
import FieldworkExpressions

/// Wording both renderers share: the header line and the key explaining how to read the document,
/// so the Markdown and HTML versions say the same thing.
enum DocumentConventions {
    static func summary(_ d: QuestionnaireDocument) -> String {
        let languages = d.languages.joined(separator: ", ")
        return "Questionnaire \(d.id), version \(d.version). Languages: \(languages); this document: \(d.language). "
            + "Target length: \(DecimalText.shortest(d.targetMinutes)) minutes. \(d.numberedQuestions) numbered questions in \(d.sections.count) sections."
    }

    /// The key to the document, one line per convention.
    static func key(_ d: QuestionnaireDocument) -> [String] {
        [
            "Question text is read out word for word. Words in [square brackets] are filled in during the interview: [business name] stands for a sample field, [answer to … (Q…)] for an earlier answer, [value of …] for a computed variable, [option chosen at … (Q…)] for the option a loop pass is about and [pass number] for the pass of a loop.",
            "Questions that record an answer are numbered Q1, Q2 … in order; a question in a loop is numbered once. Statements are read out and record nothing.",
            "INTERVIEWER: marks instructions for the interviewer only; they are never read out.",
            "ROUTING boxes say who is asked. Without one, everyone reaching the question is asked it.",
            "Options marked \u{201C}do not read out\u{201D} are coded only when the respondent volunteers them. Don't know (code \(d.dontKnowCode)) and refused (code \(d.refusedCode)) are never read out.",
            "Hard checks must be met before the interview goes on; soft checks are confirmed with the respondent.",
            "END THE INTERVIEW marks where an interview ends early, with the outcome recorded for the call.",
        ]
    }
}
