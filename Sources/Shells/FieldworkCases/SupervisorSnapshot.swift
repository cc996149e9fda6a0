import Foundation

/// What the supervisor's console (`fieldwork supervise`) shows at one instant, and its `--json`
/// snapshot: interviewers and their states, the day's work, interview lengths, quotas,
/// appointments and today's rates. Built by `SupervisorSnapshot.make` from what the store holds;
/// no I/O and no clock here, so tests check every figure.
public struct SupervisorSnapshot: Sendable, Hashable, Encodable {
    /// One interviewer seen today (or still signed in from before).
    public struct Interviewer: Sendable, Hashable, Codable {
        public var name: String
        public var state: InterviewerState
        /// When the current state began, and seconds in it at `at`.
        public var since: Date
        public var secondsInState: Double
        /// The case held now (nil while waiting, on a break or signed out).
        public var caseID: String?
        /// Calls recorded today, and per hour signed in today (breaks excluded; nil before a minute has passed).
        public var callsToday: Int
        public var callsPerHour: Double?
        public var contactsToday: Int
        public var refusalsToday: Int
        public var completesToday: Int
        /// Seconds of the interview under way (nil unless interviewing).
        public var currentInterviewSeconds: Double?
        /// Median seconds of this interviewer's interviews that ended today (nil without any).
        public var medianInterviewSeconds: Double?
    }

    /// One quota cell: completes against the target.
    public struct QuotaCell: Sendable, Hashable, Codable {
        public var rule: String
        public var cell: String
        public var completes: Int
        public var target: Int?

        public init(rule: String, cell: String, completes: Int, target: Int?) {
            self.rule = rule
            self.cell = cell
            self.completes = completes
            self.target = target
        }
    }

    public var at: Date
    public var interviewers: [Interviewer]
    /// Today's totals over all interviewers.
    public var callsToday: Int
    public var contactsToday: Int
    public var refusalsToday: Int
    public var completesToday: Int
    /// Median seconds over all interviews that ended today.
    public var medianInterviewSeconds: Double?
    public var quotaCells: [QuotaCell]
    /// Appointments due within the next hour (not yet overdue), and those overdue.
    public var appointmentsNextHour: [AppointmentListing]
    public var appointmentsOverdue: [AppointmentListing]
    /// Cases called today, by their code now (final code, or interim code while open).
    public var todayCodeCounts: [String: Int]
    /// AAPOR RR1 and CON1 over the cases called today (nil when the denominator is 0).
    public var todayResponseRate: Double?
    public var todayContactRate: Double?

    /// A call that reached someone at the number (not a non-contact such as no answer, busy, an
    /// answering machine, a wrong, dead or fax number).
    public static func isContact(_ outcome: CallOutcome) -> Bool {
        switch outcome {
        case .noAnswer, .busy, .answeringMachineMessageLeft, .answeringMachineNoMessage, .wrongNumber, .nonWorkingNumber,
             .faxDataLine:
            false
        default:
            true
        }
    }

    /// A refusal: soft or hard.
    public static func isRefusal(_ outcome: CallOutcome) -> Bool { outcome == .softRefusal || outcome == .hardRefusal }

    /// The median of `values` (mean of the middle two for an even count), nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// Builds the snapshot at `now`. `states` are the state changes since the start of today plus each
    /// interviewer's last one before it (`interviewerStateChanges(since:)`), `callCounts` today's calls
    /// by interviewer and outcome (`callOutcomeCounts`), `codeOfCase` the current code of each case
    /// called today, `appointments` the listing at `now`.
    public static func make(now: Date, dayStart: Date, states: [InterviewerStateChange], callCounts: [String: [String: Int]],
                            codeOfCase: [String: String], quotaCells: [QuotaCell],
                            appointments: [AppointmentListing]) -> SupervisorSnapshot {
        var byName: [String: [InterviewerStateChange]] = [:]
        // In time order; changes at the same instant keep the order they were written in.
        let ordered = states.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        for change in ordered { byName[change.interviewer, default: []].append(change) }

        var allLengths: [Double] = []
        var interviewers: [Interviewer] = []
        for name in Set(byName.keys).union(callCounts.keys).sorted() {
            let changes = byName[name] ?? []
            let counts = callCounts[name] ?? [:]
            let calls = counts.values.reduce(0, +)
            func count(_ kind: (CallOutcome) -> Bool) -> Int {
                counts.reduce(0) { total, entry in total + (CallOutcome(rawValue: entry.key).map(kind) == true ? entry.value : 0) }
            }
            // Spells: each state from its change to the next (the last runs to now), clipped to today.
            var workedSeconds = 0.0
            var lengths: [Double] = []
            for (index, change) in changes.enumerated() {
                let end = index + 1 < changes.count ? changes[index + 1].at : now
                let start = max(change.at, dayStart)
                let seconds = max(0, end.timeIntervalSince(start))
                if change.state != .onBreak && change.state != .signedOut { workedSeconds += seconds }
                if change.state == .interviewing && index + 1 < changes.count && changes[index + 1].at >= dayStart {
                    lengths.append(changes[index + 1].at.timeIntervalSince(change.at))
                }
            }
            allLengths += lengths
            let last = changes.last
            let state = last?.state ?? .signedOut
            let since = last?.at ?? now
            let holds = state == .dialling || state == .interviewing || state == .wrapUp
            interviewers.append(Interviewer(
                name: name, state: state, since: since, secondsInState: max(0, now.timeIntervalSince(since)),
                caseID: holds ? last?.caseID : nil, callsToday: calls,
                callsPerHour: workedSeconds >= 60 ? Double(calls) / (workedSeconds / 3600) : nil,
                contactsToday: count(isContact), refusalsToday: count(isRefusal),
                completesToday: count { $0 == .interviewComplete },
                currentInterviewSeconds: state == .interviewing ? max(0, now.timeIntervalSince(since)) : nil,
                medianInterviewSeconds: median(lengths)))
        }
        let rates = ResponseRates(codeCounts: codeOfCase.values.reduce(into: [:]) { $0[$1, default: 0] += 1 })
        let hour = now.addingTimeInterval(3600)
        return SupervisorSnapshot(
            at: now, interviewers: interviewers,
            callsToday: interviewers.reduce(0) { $0 + $1.callsToday },
            contactsToday: interviewers.reduce(0) { $0 + $1.contactsToday },
            refusalsToday: interviewers.reduce(0) { $0 + $1.refusalsToday },
            completesToday: interviewers.reduce(0) { $0 + $1.completesToday },
            medianInterviewSeconds: median(allLengths), quotaCells: quotaCells,
            appointmentsNextHour: appointments.filter { $0.standing != .overdue && $0.at <= hour },
            appointmentsOverdue: appointments.filter { $0.standing == .overdue },
            todayCodeCounts: codeOfCase.values.reduce(into: [:]) { $0[$1, default: 0] += 1 },
            todayResponseRate: rates["RR1"], todayContactRate: rates["CON1"])
    }
}
