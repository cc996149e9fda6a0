import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Writes a codebook as DDI-Codebook 2.5 XML (namespace `ddi:codebook:2_5`), the metadata format
/// data archives (UK Data Service, ONS) take: the study (title, id, version, field period, mode,
/// response rates where the case store knows them), the data file's size, and every variable with
/// its label, the question text read aloud, the interviewer instruction, its universe (who was asked,
/// in the printed questionnaire's words), its categories with frequencies and missing codes, and
/// each multiple-choice question as a `varGrp` of type `multipleResp`. Elements follow the order
/// the DDI 2.5 schema's sequences require. Written by hand: it is a few dozen element kinds, and
/// escaping is the only subtlety (`XMLText`).
public enum DDICodebookRenderer {
    /// A response rate for the study description, computed by the caller (the case store).
    public struct Rate: Sendable {
        public var name: String
        public var value: Double
        public var formula: String
        public init(name: String, value: Double, formula: String) {
            self.name = name
            self.value = value
            self.formula = formula
        }
    }

    /// What the printed questionnaire says about one question: the words read aloud, the
    /// interviewer's instruction and who is asked.
    struct QuestionWords {
        var text: String
        var instruction: String?
        var universe: [String]
        /// The options offered only under a condition (`showIf`), in frame order.
        var optionRouting: [OptionRouting] = []
    }

    public static func render(_ codebook: Codebook, instrument: Instrument, rates: [Rate] = [],
                              dataFileName: String? = nil) -> String {
        let words = questionWords(instrument)
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<codeBook xmlns=\"ddi:codebook:2_5\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
        out += "xsi:schemaLocation=\"ddi:codebook:2_5 http://www.ddialliance.org/Specification/DDI-Codebook/2.5/XMLSchema/codebook.xsd\" "
        out += "version=\"2.5\" ID=\"\(XMLText.attribute(idSafe(codebook.questionnaireID)))\">\n"

        // Study description.
        out += "<stdyDscr>\n<citation>\n<titlStmt>\n"
        out += element("titl", codebook.title)
        out += element("IDNo", codebook.questionnaireID)
        out += "</titlStmt>\n<verStmt>\n" + element("version", codebook.version) + "</verStmt>\n</citation>\n"
        out += "<stdyInfo>\n<sumDscr>\n"
        if let period = codebook.fieldPeriod {
            out += "<collDate event=\"start\" date=\"\(UTCTimestamp.format(unixSeconds: period.lowerBound).prefix(10))\"/>\n"
            out += "<collDate event=\"end\" date=\"\(UTCTimestamp.format(unixSeconds: period.upperBound).prefix(10))\"/>\n"
        }
        out += element("anlyUnit", "Interview (one row per interview in the data file)")
        out += "</sumDscr>\n</stdyInfo>\n"
        out += "<method>\n<dataColl>\n"
        out += element("collMode", "Computer-assisted telephone interviewing (CATI) with Fieldwork")
        out += element("resInstru", "Structured questionnaire \(codebook.questionnaireID) version \(codebook.version)")
        out += "</dataColl>\n"
        if !rates.isEmpty {
            out += "<anlyInfo>\n"
            for rate in rates {
                out += element("respRate", "\(rate.name): \(DecimalText.shortest((rate.value * 1000).rounded() / 10))% (\(rate.formula))")
            }
            out += "</anlyInfo>\n"
        }
        out += "</method>\n</stdyDscr>\n"

        // The data file.
        out += "<fileDscr ID=\"F1\">\n<fileTxt>\n"
        if let dataFileName { out += element("fileName", dataFileName) }
        out += "<dimensns>\n" + element("caseQnty", String(codebook.interviews)) + element("varQnty", String(codebook.entries.count))
        out += "</dimensns>\n</fileTxt>\n</fileDscr>\n"

        // Variables.
        out += "<dataDscr>\n"
        var ids: [String: String] = [:]
        for (index, entry) in codebook.entries.enumerated() { ids[entry.variable.name] = "V\(index + 1)" }
        for (index, set) in codebook.multipleResponseSets.enumerated() {
            let members = set.variables.compactMap { ids[$0] }
            guard !members.isEmpty else { continue }
            out += "<varGrp ID=\"G\(index + 1)\" type=\"multipleResp\" var=\"\(members.joined(separator: " "))\" name=\"\(XMLText.attribute(set.name))\">\n"
            out += element("labl", set.label)
            out += element("txt", "The option columns of multiple-choice question \(set.name); \(set.countedValue) = chosen, 0 = not chosen.")
            out += "</varGrp>\n"
        }
        for (index, entry) in codebook.entries.enumerated() {
            out += variable(entry, id: "V\(index + 1)", words: question(of: entry, instrument: instrument).flatMap { words[$0] })
        }
        out += "</dataDscr>\n</codeBook>\n"
        return out
    }

    static func variable(_ entry: Codebook.Entry, id: String, words: QuestionWords?) -> String {
        let variable = entry.variable
        let tally = entry.tally
        let isNumeric = variable.kind.isNumeric
        let interval = isNumeric && variable.valueLabels.isEmpty && tally.tooManyDistinct ? "contin" : "discrete"
        var out = "<var ID=\"\(id)\" name=\"\(XMLText.attribute(variable.name))\" files=\"F1\" intrvl=\"\(interval)\""
        if case let .numeric(decimals) = variable.kind, decimals > 0 { out += " dcml=\"\(decimals)\"" }
        out += ">\n"
        out += element("labl", variable.label)
        if let words {
            out += "<qstn>\n" + element("qstnLit", words.text)
            if let instruction = words.instruction { out += element("ivuInstr", instruction) }
            out += "</qstn>\n"
        }
        if !variable.missing.isEmpty {
            out += "<invalrng>\n"
            for code in variable.missing { out += "<item VALUE=\"\(XMLText.attribute(DecimalText.shortest(code.code)))\"/>\n" }
            out += "</invalrng>\n"
        }
        let universe = words?.universe ?? []
        let universeText = !universe.isEmpty ? universe.joined(separator: "; ")
            : (entry.askedWhen.isEmpty ? "Every interview" : entry.askedWhen)
        out += element("universe", universeText)
        let invalid = tally.systemMissing + tally.missingCodes.values.reduce(0, +)
        out += "<sumStat type=\"vald\">\(tally.valid)</sumStat>\n<sumStat type=\"invd\">\(invalid)</sumStat>\n"
        if tally.valid > 0, let minimum = tally.minimum, let maximum = tally.maximum {
            out += "<sumStat type=\"min\">\(DecimalText.shortest(minimum))</sumStat>\n"
            out += "<sumStat type=\"max\">\(DecimalText.shortest(maximum))</sumStat>\n"
            out += "<sumStat type=\"mean\">\(DecimalText.shortest((tally.sum / Double(tally.valid) * 10_000).rounded() / 10_000))</sumStat>\n"
        }
        if entry.askedWhen.isEmpty == false && words == nil {
            out += element("txt", entry.askedWhen)
        }
        // Option routing: a multiple-choice option column says it under the variable (its 0 also
        // means "not offered"); a single choice or grid item says it in each routed category.
        var routedCategories: [String: String] = [:]
        if case .answer(_, _, _?, _)? = entry.spec?.source {
            if let routing = CodebookRenderer.optionRoutingLine(entry) { out += element("txt", "Option offered only to some: " + routing) }
        } else {
            for routing in entry.optionRouting { routedCategories[String(routing.code)] = routing.condition }
        }
        // Categories: labelled codes (all of them, counted), then values seen without a label
        // when there are few, then the missing codes.
        var labels: [String: String] = [:]
        for label in variable.valueLabels { labels[DecimalText.shortest(label.code)] = label.label }
        if isNumeric && !(tally.tooManyDistinct && variable.valueLabels.isEmpty) {
            var listed = Set<String>()
            for label in variable.valueLabels {
                let value = DecimalText.shortest(label.code)
                listed.insert(value)
                out += category(value: value, label: label.label, count: tally.counts[value] ?? 0, valid: tally.valid, missing: false,
                                note: routedCategories[value])
            }
            if !tally.tooManyDistinct {
                for (value, count) in tally.ordered where !listed.contains(value) {
                    out += category(value: value, label: nil, count: count, valid: tally.valid, missing: false)
                }
            }
        }
        for code in variable.missing {
            out += category(value: DecimalText.shortest(code.code), label: code.label, count: tally.missingCodes[code.code] ?? 0,
                            valid: nil, missing: true)
        }
        let (type, schema) = formatOf(variable.kind)
        out += "<varFormat type=\"\(type)\" schema=\"\(schema)\"/>\n"
        out += "</var>\n"
        return out
    }

    static func category(value: String, label: String?, count: Int, valid: Int?, missing: Bool, note: String? = nil) -> String {
        var out = "<catgry\(missing ? " missing=\"Y\"" : "")>\n" + element("catValu", value)
        if let label { out += element("labl", label) }
        // DDI 2.5 catgry: catValu, labl*, txt*, catStat*.
        if let note { out += element("txt", "Offered only to some: " + note) }
        out += "<catStat type=\"freq\">\(count)</catStat>\n"
        if let valid, valid > 0 {
            out += "<catStat type=\"percent\">\(DecimalText.shortest((Double(count) / Double(valid) * 1000).rounded() / 10))</catStat>\n"
        }
        return out + "</catgry>\n"
    }

    static func formatOf(_ kind: ExportVariableKind) -> (String, String) {
        switch kind {
        case .numeric: return ("numeric", "other")
        case .string: return ("character", "other")
        case .date, .dateTime: return ("numeric", "other")
        }
    }

    /// The index of the question a column records, if it records one.
    static func question(of entry: Codebook.Entry, instrument: Instrument) -> String? {
        switch entry.spec?.source {
        case let .answer(question, _, _, _)?, let .specify(question, _, _)?, let .optionOrder(question, _)?:
            return instrument.questions[question].question.id
        default:
            return nil
        }
    }

    /// Each question's words from the printed questionnaire, with its section's and loops' routing.
    static func questionWords(_ instrument: Instrument) -> [String: QuestionWords] {
        guard let builder = try? QuestionnaireDocumentBuilder(instrument: instrument) else { return [:] }
        let document = builder.build()
        var result: [String: QuestionWords] = [:]
        for section in document.sections {
            var loops: [[String]] = []
            for entry in section.entries {
                switch entry {
                case .loopStart(let loop): loops.append(loop.routing)
                case .loopEnd: if !loops.isEmpty { loops.removeLast() }
                case .question(let question):
                    let universe = section.routing + loops.flatMap { $0 } + question.routing
                    let routed = question.options.compactMap { option in
                        option.shownIf.map { OptionRouting(code: option.code, label: option.label, condition: $0) }
                    }
                    result[question.id] = QuestionWords(text: question.text, instruction: question.instruction,
                                                        universe: universe.isEmpty ? ["Everyone reaching this question"] : universe,
                                                        optionRouting: routed)
                case .computed, .end: break
                }
            }
        }
        return result
    }

    static func element(_ name: String, _ text: String) -> String {
        "<\(name)>\(XMLText.content(text))</\(name)>\n"
    }

    /// An XML ID starts with a letter or underscore and holds no spaces.
    static func idSafe(_ text: String) -> String {
        let cleaned = String(text.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." ? $0 : "_" })
        guard let first = cleaned.first, first.isLetter || first == "_" else { return "Q_" + cleaned }
        return cleaned
    }
}

/// Escaping for XML 1.0 text and attribute values; characters XML 1.0 cannot hold at all (most
/// C0 controls) become U+FFFD so the document stays well-formed whatever a designer typed.
enum XMLText {
    static func content(_ text: String) -> String { escape(text, attribute: false) }
    static func attribute(_ text: String) -> String { escape(text, attribute: true) }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
