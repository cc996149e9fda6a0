import FieldworkBasics
import Foundation
import Testing
@testable import FieldworkCases

@Suite struct SchedulingTests {
    // 2025-10-20 is a Monday in British Summer Time; clocks go back on Sunday 2025-10-26.

    @Test(arguments: StoreKind.underTest) func hardAppointmentBeatsSoftBeatsFreshBeatsRetry(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["F1", "R1", "H1", "S1"])
        try store.record("R1", .noAnswer, at: at("2025-10-20T10:00"))
        try store.setAppointment(caseID: "H1", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-20T14:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        try store.setAppointment(caseID: "S1", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-20T13:00")!,
                                                                        end: LocalDateTime("2025-10-20T16:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        let now = at("2025-10-20T14:00")
        var picked: [(String, PickReason)] = []
        while let lease = try store.nextCase(for: "int1", now: now) { picked.append((lease.caseID, lease.reason)) }
        #expect(picked.map(\.0) == ["H1", "S1", "F1", "R1"])
        #expect(picked.map(\.1) == [.hardAppointment, .softAppointment, .fresh, .retry])
    }

    @Test(arguments: StoreKind.underTest) func hardAppointmentIsOfferedFromTheGraceWindow(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["H1"])
        try store.setAppointment(caseID: "H1", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-20T14:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T13:44")) == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T13:45"))?.caseID == "H1")
    }

    @Test(arguments: StoreKind.underTest) func missedHardAppointmentWaitsForCallingHours(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["H1"])
        try store.setAppointment(caseID: "H1", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-24T17:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        // Friday 17:00, grace 15 minutes: missed from 17:15, and calling ends at 17:30.
        #expect(try store.nextCase(for: "int1", now: at("2025-10-24T21:00")) == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-25T03:00")) == nil)   // Saturday night
        #expect(try store.nextCase(for: "int1", now: at("2025-10-26T12:00")) == nil)   // Sunday
        let monday = try #require(try store.nextCase(for: "int1", now: at("2025-10-27T09:00")))
        #expect(monday.caseID == "H1")
        #expect(monday.reason == .hardAppointment)
    }

    @Test(arguments: StoreKind.underTest) func hardAppointmentIsOfferedAtItsTimeOutsideCallingHours(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["Early", "Late"])
        try store.setAppointment(caseID: "Early", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T09:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        try store.setAppointment(caseID: "Late", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-20T17:25")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        // 17:35 is after calling hours but inside the 17:25 appointment's grace window.
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T17:35"))?.caseID == "Late")
        // 08:50 is before calling hours but inside the 09:00 appointment's grace window.
        #expect(try store.nextCase(for: "int1", now: at("2025-10-21T08:50"))?.caseID == "Early")
    }

    @Test(arguments: StoreKind.underTest) func softAppointmentWindowClosedGoesBackToTheRetryQueue(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["S1", "F1"])
        try store.setAppointment(caseID: "S1", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-20T13:00")!,
                                                                        end: LocalDateTime("2025-10-20T14:00")!),
                                 setBy: "sup", now: at("2025-10-20T10:00"))
        // In its window the soft appointment beats the fresh case.
        let inWindow = try #require(try store.nextCase(for: "int1", now: at("2025-10-20T13:30")))
        #expect(inWindow.caseID == "S1" && inWindow.reason == .softAppointment)
        try store.releaseLease(caseID: "S1", interviewer: "int1", now: at("2025-10-20T13:31"))
        // Closed: not offered out of hours, and in hours it is an ordinary retry, after fresh cases.
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T21:00")) == nil)
        let fresh = try #require(try store.nextCase(for: "int1", now: at("2025-10-21T10:00")))
        #expect(fresh.caseID == "F1")
        let retry = try #require(try store.nextCase(for: "int1", now: at("2025-10-21T10:00")))
        #expect(retry.caseID == "S1" && retry.reason == .retry)
        let detail = try #require(try store.caseDetail(id: "S1"))
        #expect(detail.status == .retry)
        #expect(detail.appointments.allSatisfy { !$0.active })
        #expect(try store.nextAppointment(now: at("2025-10-21T10:00")) == nil)
    }

    @Test(arguments: StoreKind.underTest) func retryWaitsForTheGap(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "G"])
        let result = try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        #expect(result.status == .retry)
        #expect(result.nextCallableAt == at("2025-10-20T13:00"))
        try store.record("G", .gatekeeperCallBack, at: at("2025-10-20T10:00"))
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T10:59")) == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T11:00"))?.caseID == "G")
        try store.record("G", .interviewComplete, at: at("2025-10-20T11:30"))
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T12:59")) == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T13:00"))?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func retriesPreferAPartOfTheDayNotYetTried(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["Morning", "Afternoon"])
        try store.record("Morning", .noAnswer, at: at("2025-10-20T09:30"))
        try store.record("Afternoon", .busy, at: at("2025-10-20T14:00"))
        let tuesdayMorning = at("2025-10-21T10:00")
        #expect(try store.nextCase(for: "int1", now: tuesdayMorning)?.caseID == "Afternoon")
        #expect(try store.nextCase(for: "int1", now: tuesdayMorning)?.caseID == "Morning")
    }

    @Test(arguments: StoreKind.underTest) func attemptLimitEndsAsUnknownEligibilityWhenNeverConfirmed(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.maxAttempts = 3
        let store = try makeStore(kind, rules: rules, ids: ["A", "B"])
        try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        try store.record("A", .noAnswer, at: at("2025-10-20T13:00"))
        let last = try store.record("A", .noAnswer, at: at("2025-10-20T16:00"))
        #expect(last.finalDisposition == .noAnswer)
        #expect(last.finalDisposition?.code == "3.13")
        #expect(last.finalisedByAttemptLimit)
        #expect(last.status == .finalNonInterview)

        for time in ["2025-10-20T10:00", "2025-10-20T13:00"] { try store.record("B", .busy, at: at(time)) }
        #expect(try store.record("B", .busy, at: at("2025-10-20T16:00")).finalDisposition?.code == "3.12")
    }

    @Test(arguments: StoreKind.underTest) func attemptLimitEndsAsEligibleNonContactOnceEligibilityWasConfirmed(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.maxAttempts = 3
        let store = try makeStore(kind, rules: rules, ids: ["A", "M"])
        try store.record("A", .gatekeeperCallBack, at: at("2025-10-20T10:00"))
        try store.record("A", .noAnswer, at: at("2025-10-20T13:00"))
        let last = try store.record("A", .noAnswer, at: at("2025-10-20T16:00"))
        #expect(last.finalDisposition?.code == "2.20")
        #expect(last.finalDisposition?.group == 2)

        try store.record("M", .namedContactNotAvailable, at: at("2025-10-20T10:00"))
        try store.record("M", .noAnswer, at: at("2025-10-20T13:00"))
        #expect(try store.record("M", .answeringMachineMessageLeft, at: at("2025-10-20T16:00")).finalDisposition?.code == "2.221")
    }

    @Test(arguments: StoreKind.underTest) func attemptLimitNeverTurnsARefusalIntoANonContact(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.maxAttempts = 3
        let store = try makeStore(kind, rules: rules, ids: ["A"])
        try store.record("A", .softRefusal, at: at("2025-10-20T10:00"))
        try store.record("A", .noAnswer, at: at("2025-10-27T10:00"))
        #expect(try store.record("A", .noAnswer, at: at("2025-10-27T13:00")).finalDisposition == .refusal)
    }

    @Test(arguments: StoreKind.underTest) func attemptLimitDoesNotOverrideABookedAppointment(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.maxAttempts = 2
        let store = try makeStore(kind, rules: rules, ids: ["A"])
        try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        let booked = try store.record("A", .hardAppointment, at: at("2025-10-20T13:00"),
                                      appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T11:00")!))
        #expect(booked.status == .appointment)
        #expect(booked.finalDisposition == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-21T10:50"))?.reason == .hardAppointment)
    }

    @Test(arguments: StoreKind.underTest) func hardRefusalIsNeverOfferedAgain(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        let result = try store.record("A", .hardRefusal, at: at("2025-10-20T10:00"))
        #expect(result.finalDisposition?.code == "2.11")
        for time in ["2025-10-20T13:00", "2025-10-28T10:00", "2026-02-02T10:00"] {
            #expect(try store.nextCase(for: "int1", now: at(time)) == nil)
        }
        #expect(throws: CaseStoreError.self) { try store.record("A", .noAnswer, at: at("2025-10-21T10:00")) }
        #expect(throws: CaseStoreError.self) {
            try store.setAppointment(caseID: "A", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-22T10:00")!),
                                     setBy: "sup", now: at("2025-10-21T10:00"))
        }
    }

    @Test(arguments: StoreKind.underTest) func softRefusalReturnsAfterSevenDaysAtTheSameLocalHour(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        let result = try store.record("A", .softRefusal, at: at("2025-10-20T10:00"))
        #expect(result.status == .refusalConversion)
        // The week spans the clock change: conversion is due at 10:00 local time, not 09:00.
        #expect(try store.nextCase(for: "int1", now: at("2025-10-27T09:59")) == nil)
        #expect(try store.nextCase(for: "int1", now: at("2025-10-27T10:00"))?.caseID == "A")
        let second = try store.record("A", .softRefusal, at: at("2025-10-27T10:05"))
        #expect(second.finalDisposition == .refusal)
    }

    @Test(arguments: StoreKind.underTest) func freshCasesOnlyInCallingHoursOnBusinessDays(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.callingHours.closedDates = ["2025-12-25"]
        let store = try makeStore(kind, rules: rules, ids: ["A"])
        let expectations: [(String, Bool)] = [
            ("2025-10-25T11:00", false),  // Saturday
            ("2025-10-26T11:00", false),  // Sunday
            ("2025-10-27T08:59", false),
            ("2025-10-27T09:00", true),
            ("2025-10-27T17:29", true),
            ("2025-10-27T17:30", false),
            ("2025-12-25T11:00", false),  // closed date (Thursday)
            ("2025-12-24T11:00", true),
        ]
        for (time, callable) in expectations {
            let lease = try store.nextCase(for: "int1", now: at(time))
            #expect((lease != nil) == callable, "at \(time)")
            if let lease { try store.releaseLease(caseID: lease.caseID, interviewer: "int1", now: at(time)) }
        }
    }

    @Test(arguments: StoreKind.underTest) func appointmentsInThePastOrOutsideCallingHoursAreRefused(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        let now = at("2025-10-20T10:00")
        func problem(_ start: String) -> AppointmentProblem? {
            do {
                try store.setAppointment(caseID: "A", appointment: Appointment(kind: .hard, start: LocalDateTime(start)!),
                                         setBy: "int1", now: now)
                return nil
            } catch CaseStoreError.appointment(let problem) {
                return problem
            } catch {
                return nil
            }
        }
        #expect(problem("2025-10-20T09:30") == .inThePast(LocalDateTime("2025-10-20T09:30")!))
        #expect(problem("2025-10-20T18:00") == .outsideCallingHours(LocalDateTime("2025-10-20T18:00")!, hours: "Mon,Tue,Wed,Thu,Fri 09:00–17:30"))
        #expect(problem("2025-10-25T11:00") == .closedDay(LocalDateTime("2025-10-25T11:00")!))
        #expect(problem("2026-03-29T01:30") == .nonexistentTime(LocalDateTime("2026-03-29T01:30")!))
        #expect(problem("2025-10-21T11:00") == nil)
        #expect(throws: CaseStoreError.self) {
            try store.record("A", .hardAppointment, at: now)  // appointment outcome without a time
        }
    }

    @Test(arguments: StoreKind.underTest) func appointmentBookedBeforeTheClockChangeKeepsItsLocalTime(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        try store.record("A", .hardAppointment, at: at("2025-10-20T10:00"),
                         appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-27T10:00")!, timeZoneID: "Europe/London"))
        let detail = try #require(try store.caseDetail(id: "A"))
        let stored = try #require(detail.appointments.last)
        #expect(stored.appointment.start == LocalDateTime("2025-10-27T10:00")!)
        #expect(stored.appointment.timeZoneID == "Europe/London")
        // After the clocks go back, 10:00 in London is 10:00 UTC (it was 09:00 UTC when booked).
        #expect(stored.at == utc("2025-10-27T10:00"))
        #expect(try store.nextCase(for: "int1", now: utc("2025-10-27T09:44")) == nil)
        let lease = try #require(try store.nextCase(for: "int1", now: utc("2025-10-27T09:45")))
        #expect(lease.reason == .hardAppointment)
        #expect(lease.appointment?.start.hour == 10)
    }

    @Test(arguments: StoreKind.underTest) func fullQuotaCellsAreWithheld(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector x size", fields: ["sector", "size_band"], targets: ["G|small": 1, "K|small": 5])]
        let fields: [String: [String: String]] = [
            "g1": ["sector": "G", "size_band": "small"],
            "g2": ["sector": "G", "size_band": "small"],
            "k1": ["sector": "K", "size_band": "small"],
        ]
        let store = try makeStore(kind, rules: rules, ids: ["g1", "g2", "k1"], fields: fields)
        let now = at("2025-10-20T10:00")
        try store.record("g1", .interviewComplete, at: now)
        #expect(try store.nextCase(for: "int1", now: now)?.caseID == "k1")
        #expect(try store.nextCase(for: "int1", now: now) == nil)
        let counts = try store.statusCounts(now: now)
        #expect(counts.withheldByQuota == 1)
        #expect(counts.quotaCells["sector x size"]?["G|small"]?.completes == 1)
        #expect(try store.caseDetail(id: "g2")?.withheldByQuota == true)

        // Raising the target releases the withheld case.
        var raised = rules
        raised.quotas[0].targets["G|small"] = 2
        let again = try reopened(store, rules: raised)
        #expect(try again.nextCase(for: "int2", now: now)?.caseID == "g2")
    }

    @Test(arguments: StoreKind.underTest) func newlyImportedCasesInAFullCellAreWithheld(_ kind: StoreKind) throws {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 1])]
        let store = try makeStore(kind, rules: rules, ids: ["g1"], fields: ["g1": ["sector": "G"]])
        try store.record("g1", .interviewComplete, at: at("2025-10-20T10:00"))
        let more = ParsedSample(source: "more.csv", columns: ["case_id", "sector"],
                                cases: [SampleCase(id: "g2", fields: ["sector": "G"]), SampleCase(id: "h1", fields: ["sector": "H"])])
        _ = try store.importCases(more, now: at("2025-10-20T10:01"))
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T10:02"))?.caseID == "h1")
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T10:02")) == nil)
    }

    @Test(arguments: StoreKind.underTest) func expiredLeaseReturnsTheCase(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T10:00"))?.caseID == "A")
        #expect(try store.nextCase(for: "int2", now: at("2025-10-20T10:29")) == nil)
        let taken = try #require(try store.nextCase(for: "int2", now: at("2025-10-20T10:30")))
        #expect(taken.caseID == "A")
        #expect(taken.expiresAt == at("2025-10-20T11:00"))
        // The crashed session's late write is refused; the new holder's stands.
        #expect(throws: CaseStoreError.self) { try store.record("A", .noAnswer, at: at("2025-10-20T10:31"), by: "int1") }
        #expect(try store.renewLease(caseID: "A", interviewer: "int2", now: at("2025-10-20T10:40")) == at("2025-10-20T11:10"))
        #expect(try store.nextCase(for: "int3", now: at("2025-10-20T11:05")) == nil)
        #expect(throws: CaseStoreError.self) { try store.renewLease(caseID: "A", interviewer: "int1", now: at("2025-10-20T10:41")) }
    }

    @Test(arguments: StoreKind.underTest) func releasedLeaseIsOfferedAgainAtOnce(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A"])
        #expect(try store.nextCase(for: "int1", now: at("2025-10-20T10:00"))?.caseID == "A")
        try store.releaseLease(caseID: "A", interviewer: "int1", now: at("2025-10-20T10:05"))
        #expect(try store.nextCase(for: "int2", now: at("2025-10-20T10:05"))?.caseID == "A")
    }

    @Test(arguments: StoreKind.underTest) func historyAndStatusCounts(_ kind: StoreKind) throws {
        let store = try makeStore(kind, ids: ["A", "B", "C"])
        try store.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        try recordNote(store)
        try store.record("B", .interviewComplete, at: at("2025-10-20T11:00"), by: "int2")
        try store.setAppointment(caseID: "C", appointment: Appointment(kind: .soft, start: LocalDateTime("2025-10-20T15:00")!),
                                 setBy: "sup", now: at("2025-10-20T11:00"))
        let detail = try #require(try store.caseDetail(id: "A"))
        #expect(detail.attempts.map(\.outcome) == [.noAnswer, .ceasedTrading])
        #expect(detail.attempts.map(\.number) == [1, 2])
        #expect(detail.attempts[1].note == "shop shut")
        #expect(detail.attempts[0].partOfDay == .morning)
        #expect(detail.finalDisposition?.code == "4.91")
        let counts = try store.statusCounts(now: at("2025-10-20T12:00"))
        #expect(counts.total == 3)
        #expect(counts.byStatus == [.finalNonInterview: 1, .complete: 1, .appointment: 1])
        #expect(counts.byDisposition == [.ceasedTrading: 1, .complete: 1])
        #expect(counts.appointmentsDueToday == 1)
        #expect(try store.statusCounts(now: at("2025-10-21T12:00")).appointmentsDueToday == 0)
    }

    private func recordNote(_ store: any CaseStore) throws {
        _ = try store.recordAttempt(CallAttemptInput(caseID: "A", interviewer: "int1", outcome: .ceasedTrading, note: "shop shut"),
                                    now: at("2025-10-20T13:10"))
    }
}
