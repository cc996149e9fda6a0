import ArgumentParser
import FieldworkExport
import Foundation

/// `fieldwork doc`: the printable questionnaire a designer and the client sign off — every
/// question numbered, with its text, instructions, code frame, routing, checks and the places
/// the interview ends, in plain words, as Markdown or one self-contained HTML page.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Write the printable questionnaire for sign-off: questions, code frames, routing in words, checks, ends.",
        discussion: "A questionnaire with errors is not printed: its errors are listed and the exit status is 1. See docs/printable-questionnaire.md."
    )

    @Argument(help: "The questionnaire .json file.")
    var questionnaire: String

    @Option(name: .long, help: "md (Markdown) or html (one self-contained page that prints well).")
    var format: String

    @Option(name: .long, help: "Write to this file (replaced if it exists) instead of standard output; - is standard output.")
    var out: String?

    @Option(name: .long, help: "One of the questionnaire's languages (default: its default language).")
    var language: String?

    func validate() throws {
        guard QuestionnaireDocumentFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format): use md or html")
        }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name, or - for standard output") }
    }

    func run() throws {
        let instrument = QuestionnaireLoading.loadOrExit(questionnaire)
        let builder: QuestionnaireDocumentBuilder
        do {
            builder = try QuestionnaireDocumentBuilder(instrument: instrument, language: language)
        } catch let error as DocumentLanguageError {
            Output.error("fieldwork doc: \(questionnaire): \(error.description)")
            throw ExitCode(2)
        }
        let document = builder.build()
        let text = (QuestionnaireDocumentFormat(rawValue: format) ?? .md).render(document)
        guard let out, out != "-" else {
            print(text, terminator: "")
            return
        }
        do {
            try QuestionnaireDocumentFile.write(text, to: URL(fileURLWithPath: out))
        } catch {
            Output.error("fieldwork doc: cannot write \(out): \((error as? ExportError)?.description ?? String(describing: error))")
            throw ExitCode(1)
        }
        print("wrote the questionnaire \(document.id) version \(document.version) (\(document.numberedQuestions) questions, \(document.sections.count) sections, \(format)) to \(out)")
    }
}
