import FieldworkBasics
import FieldworkCases
import FieldworkChecker
import FieldworkExport
import FieldworkJournal
import FieldworkSurveyStores
import Foundation

/// Builds a `SurveyReport` from a survey directory: progress, dispositions, rates and quota cells
/// from the case store; interview lengths and toplines from the journals, replayed through the
/// engine exactly as `fieldwork export` does (completed interviews). Reads only: a survey without
/// a case store is reported as having no cases, and no store is created.
public struct ReportBuilder {
    public var directory: URL
    public var now: Date
    /// A fixed e (`--e`); nil leaves scheduling.json's `eligibilityRate` or the proportional estimate.
    public var fixedE: Double?
    /// Interviews shorter than this many minutes are flagged as very short, besides those under half the median.
    public var shortFloorMinutes: Double?

    public init(directory: URL, now: Date, fixedE: Double? = nil, shortFloorMinutes: Double? = nil) {
        self.directory = directory
        self.now = now
        self.fixedE = fixedE
        self.shortFloorMinutes = shortFloorMinutes
    }

    public func build() throws -> SurveyReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError("\(directory.path): no such directory; pass the survey directory with --data")
        }
        let survey: SurveyDirectory
        do {
            survey = try SurveyDirectory.open(at: directory)
        } catch {
            throw ReportError("\(directory.path): not a survey directory (\(error)); make one with fieldwork init")
        }
        let stores = try SurveyStores(directory: survey)
        let instruments = PinnedInstruments(directory: survey)
        let current = try instruments.current()
        let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
        let store = try stores.existingCaseStore(rules: rules)
        let counts = try store?.statusCounts(now: now)
        let calls = try store?.allCalls() ?? []
        let weights = try store?.caseWeights()
        var notes: [String] = []
        if store == nil { notes.append("no case store (\(SQLiteCaseStore.fileName)) in this survey directory yet: no cases imported") }

        let aapor = Self.aapor(counts: counts, method: eligibilityMethod(rules))
        let rates = ResponseRates(codeCounts: Self.codeCounts(counts), eligibilityMethod: eligibilityMethod(rules))
        let progress = ProgressFigures(
            totalCases: counts?.total ?? 0,
            byStatus: CaseStatus.allCases.map { .init(status: $0.rawValue, count: counts?.byStatus[$0] ?? 0) },
            calls: calls, timeZone: rules.timeZone, contactRate: rates["CON1"])
        let quotas = (counts?.quotaCells ?? [:]).sorted { $0.key < $1.key }.flatMap { rule, cells in
            cells.sorted { $0.key < $1.key }.map { QuotaCellFigure(rule: rule, cell: $0.key, target: $0.value.target, achieved: $0.value.completes) }
        }

        // One pass over the completed interviews: lengths and toplines.
        let source = try SurveyRowSource(directory: survey, journals: stores.journals, instruments: instruments, current: current,
                                         records: StoreCaseRecords(store: store), options: SurveyExportOptions())
        let columns = source.plan.columns
        func metadataIndex(_ field: VariableSpec.MetadataField) -> Int? {
            columns.firstIndex { $0.source == .metadata(field) }
        }
        let caseColumn = metadataIndex(.caseID)
        let interviewerColumn = metadataIndex(.interviewer)
        let durationColumn = metadataIndex(.durationSeconds)
        var tally = ToplineTally(columns: columns, instrument: current.instrument)
        var lengths: [(caseID: String, interviewer: String, minutes: Double)] = []
        var completes = 0
        var withoutWeight = 0
        do {
            try source.forEachRow { cells in
                completes += 1
                var caseID = ""
                if let caseColumn, case .text(let id) = cells[caseColumn] { caseID = id }
                var interviewer = ""
                if let interviewerColumn, case .text(let name) = cells[interviewerColumn] { interviewer = name }
                if let durationColumn, case .number(let seconds) = cells[durationColumn] {
                    lengths.append((caseID, interviewer.isEmpty ? "(unknown)" : interviewer, seconds / 60))
                }
                var weight: Double?
                if let weights {
                    weight = weights.byCase[caseID]
                    if weight == nil { withoutWeight += 1 }
                }
                tally.add(cells, weight: weight)
            }
        } catch is SurveyRowSource.CasesLeftOutUnforeseen {
            // The rows tallied already leave those cases out; the export report names them.
        }
        for leftOut in source.report.leftOut { notes.append("interview \(leftOut.caseID) left out: \(leftOut.reason)") }
        // The export's own warnings, less its advice about --include-partials (a report counts completes only).
        notes += source.report.warnings.filter { !$0.contains("--include-partials") }
        if source.report.partialsLeftOut > 0 {
            notes.append("lengths and toplines count completed interviews only: \(source.report.partialsLeftOut) interview(s) "
                         + "that were not completed are left out")
        }
        if withoutWeight > 0 {
            notes.append("\(withoutWeight) completed interview(s) have no row in the weights table: left out of the weighted figures")
        }
        let noCases = (counts?.total ?? 0) == 0 && completes == 0
        if noCases { notes.insert("no cases: the case store holds no case and the journals no completed interview; every rate is n/a", at: 0) }

        let q = current.instrument.questionnaire
        return SurveyReport(
            title: q.title.text(in: q.defaultLanguage), questionnaireID: q.id, version: q.version,
            generatedAt: UTCTimestamp.text(secondsSince1970: now.timeIntervalSince1970), timeZone: rules.timeZoneID, noCases: noCases, notes: notes,
            progress: progress, aapor: aapor,
            lengths: LengthFigures(targetMinutes: q.targetMinutes, interviews: lengths, shortFloorMinutes: shortFloorMinutes), quotas: quotas,
            toplines: ToplineFigures(
                completes: completes, weighted: weights != nil,
                weighting: weights == nil ? "unweighted"
                    : "weighted by the weights of `fieldwork weight`; bases are unweighted counts",
                completesWithoutWeight: withoutWeight, questions: tally.toplines(weighted: weights != nil)))
    }

    func eligibilityMethod(_ rules: SchedulingRules) -> EligibilityEstimate.Method {
        if let fixedE { return .fixed(fixedE, source: "--e") }
        if let e = rules.eligibilityRate { return .fixed(e, source: "scheduling.json eligibilityRate") }
        return .proportional
    }

    /// Final codes of final cases plus interim codes of open cases, as `fieldwork cases status` counts them.
    static func codeCounts(_ counts: StatusCounts?) -> [String: Int] {
        var codes: [String: Int] = [:]
        for (d, n) in counts?.byDisposition ?? [:] { codes[d.code, default: 0] += n }
        for (d, n) in counts?.byInterimDisposition ?? [:] { codes[d.code, default: 0] += n }
        return codes
    }

    static func aapor(counts: StatusCounts?, method: EligibilityEstimate.Method) -> AAPORFigures {
        let rates = ResponseRates(codeCounts: codeCounts(counts), eligibilityMethod: method)
        let finalCases = (counts?.byDisposition ?? [:]).values.reduce(0, +)
        let openCases = (counts?.byInterimDisposition ?? [:]).values.reduce(0, +)
        let basis = openCases == 0
            ? "final codes of \(finalCases) final case(s)"
            : "final codes of \(finalCases) final case(s) and interim codes of \(openCases) open case(s)"
        func rows(_ byCode: [AAPORDisposition: Int], kind: String) -> [AAPORFigures.DispositionRow] {
            byCode.map { .init(code: $0.key.code, label: $0.key.label, group: RateGroup(code: $0.key.code)?.rawValue, kind: kind, count: $0.value) }
        }
        let dispositions = (rows(counts?.byDisposition ?? [:], kind: "final") + rows(counts?.byInterimDisposition ?? [:], kind: "interim"))
            .sorted { ($0.code, $0.kind) < ($1.code, $1.kind) }
        return AAPORFigures(
            basis: basis, finalCases: finalCases, openCases: openCases, dispositions: dispositions,
            counts: Dictionary(uniqueKeysWithValues: RateGroup.allCases.map { ($0.rawValue, rates.counts[$0]) }),
            unclassified: rates.counts.unclassified, e: rates.eligibility.value, eMethod: rates.eligibility.methodDescription,
            rates: rates.rates.map { .init(name: $0.name, formula: $0.formula, value: $0.value) })
    }
}
