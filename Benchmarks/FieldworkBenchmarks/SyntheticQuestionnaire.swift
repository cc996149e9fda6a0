/// Writes large, realistic questionnaires for benchmarks: sections of mixed question types, skip
/// conditions on earlier answers, checks, fills, computed variables and loops over multiple-choice
/// answers, in the proportions of a real business survey.
enum SyntheticQuestionnaire {
    static func json(questions target: Int, seed: UInt64 = 7) -> String {
        var rng = SplitMix(seed)
        var out = """
        {
          "id": "synthetic", "version": "1", "title": "Synthetic \(target)-question survey", "languages": ["en"],
          "sampleFields": [{"name": "business_name", "identifier": true}, {"name": "sector"}],
          "codeFrames": {
            "yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
            "sat5": [
              {"code": 1, "name": "vsat", "label": "Very satisfied"}, {"code": 2, "name": "fsat", "label": "Fairly satisfied"},
              {"code": 3, "name": "neither", "label": "Neither"}, {"code": 4, "name": "fdis", "label": "Fairly dissatisfied"},
              {"code": 5, "name": "vdis", "label": "Very dissatisfied"}],
            "types": [
              {"code": 1, "name": "a", "label": "Type A"}, {"code": 2, "name": "b", "label": "Type B"},
              {"code": 3, "name": "c", "label": "Type C"}, {"code": 99, "name": "none", "label": "None of these", "exclusive": true}]
          },
          "sections": [
        """
        var made = 0
        var section = 0
        var lastSingle: String?
        var lastInteger: String?
        while made < target {
            if section > 0 { out += ",\n" }
            out += "    {\"id\": \"s\(section)\", \"title\": \"Section \(section)\", \"items\": [\n"
            var items: [String] = []
            let perSection = min(50, target - made)
            var inSection = 0
            while inSection < perSection {
                let id = "q\(made)"
                let roll = rng.next() % 100
                var cond = ""
                if let s = lastSingle, roll % 3 == 0 { cond = ", \"askIf\": \"\(s) == 'yes' or dontknow(\(s))\"" }
                else if let n = lastInteger, roll % 3 == 1 { cond = ", \"askIf\": \"\(n) > 2\"" }
                if roll < 35 {
                    items.append("      {\"type\": \"single\", \"id\": \"\(id)\", \"text\": \"Question \(made) about the business at {sample.business_name}: is it so?\", \"codeFrame\": \"yesno\"\(cond)}")
                    lastSingle = id
                    made += 1; inSection += 1
                } else if roll < 55 {
                    items.append("      {\"type\": \"integer\", \"id\": \"\(id)\", \"text\": \"How many times did event \(made) happen in the last twelve months?\", \"min\": 0, \"max\": 500, \"checks\": [{\"id\": \"big\", \"require\": \"\(id) < 300\", \"message\": \"{\(id)} is unusually high; please confirm\", \"severity\": \"soft\"}]\(cond)}")
                    lastInteger = id
                    made += 1; inSection += 1
                } else if roll < 70 {
                    items.append("      {\"type\": \"single\", \"id\": \"\(id)\", \"text\": \"How satisfied were you with service \(made)?\", \"codeFrame\": \"sat5\"\(cond)}")
                    made += 1; inSection += 1
                } else if roll < 80 {
                    items.append("      {\"type\": \"text\", \"id\": \"\(id)\", \"text\": \"Please describe item \(made) in your own words.\", \"maxLength\": 200\(cond)}")
                    made += 1; inSection += 1
                } else if roll < 88 || inSection + 3 > perSection {
                    items.append("      {\"type\": \"decimal\", \"id\": \"\(id)\", \"text\": \"What did item \(made) cost?\", \"min\": 0, \"max\": 1000000, \"decimals\": 2, \"unit\": \"£\"\(cond)}")
                    items.append("      {\"type\": \"computed\", \"id\": \"c\(made)\", \"expression\": \"coalesce(\(id), 0) * 2\", \"valueType\": \"decimal\"}")
                    made += 1; inSection += 1
                } else {
                    items.append("      {\"type\": \"multiple\", \"id\": \"\(id)\", \"text\": \"Which of these types applied at point \(made)?\", \"codeFrame\": \"types\"\(cond)}")
                    items.append("""
                          {"type": "loop", "id": "l\(made)", "forEach": "\(id)", "askIf": "not ('none' in \(id))", "items": [
                            {"type": "integer", "id": "q\(made + 1)", "text": "How many incidents of {item.label}?", "min": 1, "max": 99},
                            {"type": "single", "id": "q\(made + 2)", "text": "Was the {item.label} reported?", "codeFrame": "yesno", "askIf": "q\(made + 1) > 1"}
                          ]}
                    """)
                    made += 3; inSection += 3
                }
            }
            out += items.joined(separator: ",\n") + "\n    ]}"
            section += 1
        }
        out += "\n  ]\n}\n"
        return out
    }
}

struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
