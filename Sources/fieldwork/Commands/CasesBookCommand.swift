import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases book ID --at TIME [--kind hard|soft] --by SUPERVISOR --reason TEXT`: books an appointment, audited.
struct CasesBookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Book an appointment on an open case (replacing any booked one), audited.",
        discussion: "The time must be in the future, on a calling day and inside calling hours (scheduling.json)."
    )

    @Argument(help: "The case id.")
    var id: String

    @OptionGroup var time: AppointmentTimeOptions

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            let appointment = try time.appointment(rules: store.rules, defaultKind: .hard)
            return try store.bookAppointment(caseID: id, appointment: appointment, by: change.by, reason: change.reason, now: now)
        }
    }
}

/// `fieldwork cases move ID --at TIME --by SUPERVISOR --reason TEXT`: moves the booked appointment, audited.
struct CasesMoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a case's booked appointment to another time, audited.",
        discussion: "The kind stays as booked unless --kind is given; the new time is checked like a new booking."
    )

    @Argument(help: "The case id.")
    var id: String

    @OptionGroup var time: AppointmentTimeOptions

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            let booked = try store.caseDetail(id: id)?.appointments.last(where: \.active)?.appointment.kind ?? .hard
            let appointment = try time.appointment(rules: store.rules, defaultKind: booked)
            return try store.moveAppointment(caseID: id, to: appointment, by: change.by, reason: change.reason, now: now)
        }
    }
}

/// `fieldwork cases cancel ID --by SUPERVISOR --reason TEXT`: cancels the booked appointment, audited.
struct CasesCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a case's booked appointment; the case goes back to the ordinary queue (audited)."
    )

    @Argument(help: "The case id.")
    var id: String

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            try store.cancelAppointment(caseID: id, by: change.by, reason: change.reason, now: now)
        }
    }
}
