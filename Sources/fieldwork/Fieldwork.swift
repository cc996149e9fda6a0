import ArgumentParser

@main
struct Fieldwork: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldwork",
        abstract: "Survey instruments for telephone interviewing: check, simulate, interview, export.",
        subcommands: [CasesCommand.self]
    )
}
