import Testing
import FieldworkDiagnostics
@testable import FieldworkExpressions

@Suite struct TemplateTests {
    @Test func literalAndFills() throws {
        let template = try TextTemplate.parse("You said {turnover}. In {item.label}, ok").get()
        #expect(template.segments.count == 5)
        #expect(template.segments[0] == .literal("You said "))
        guard case .fill(let e, let offset) = template.segments[1] else { Issue.record("fill"); return }
        #expect(e.node == .reference(["turnover"]))
        #expect(offset == 10)
        #expect(e.range == 0..<8)
        guard case .fill(let e2, let offset2) = template.segments[3] else { Issue.record("fill"); return }
        #expect(e2.node == .reference(["item", "label"]))
        #expect(offset2 == 25)
        #expect(template.segments[4] == .literal(", ok"))
        #expect(template.fills.count == 2)
    }

    @Test func escapedBraces() throws {
        let template = try TextTemplate.parse("{{literal}} and {x}}}").get()
        #expect(template.segments.first == .literal("{literal} and "))
        #expect(template.segments.last == .literal("}"))
        #expect(template.fills.count == 1)
    }

    @Test func braceInsideQuotedText() throws {
        let template = try TextTemplate.parse("A {if(x, '}', \"{\")} B").get()
        #expect(template.fills.count == 1)
        #expect(template.segments.last == .literal(" B"))
    }

    @Test func plainTextHasNoFills() throws {
        #expect(try TextTemplate.parse("").get().segments.isEmpty)
        #expect(try TextTemplate.parse("Hello").get().segments == [.literal("Hello")])
    }

    @Test func errors() {
        guard case .failure(let unclosed) = TextTemplate.parse("Hi {name there") else { Issue.record("unclosed"); return }
        #expect(unclosed.offset == 3)
        #expect(unclosed.message.contains("never closed"))
        guard case .failure(let lone) = TextTemplate.parse("a } b") else { Issue.record("lone"); return }
        #expect(lone.offset == 2)
        guard case .failure(let empty) = TextTemplate.parse("a { } b") else { Issue.record("empty"); return }
        #expect(empty.message.contains("expected an expression"))
        // Errors inside a fill are reported at their offset in the whole template.
        guard case .failure(let inner) = TextTemplate.parse("ab {x = 1}") else { Issue.record("inner"); return }
        #expect(inner.offset == 6)
        #expect(inner.message == "use '==' to compare")
    }
}

@Suite struct CompiledTemplateTests {
    @Test func rendersFills() throws {
        let (compiled, issues) = TextTemplate.compile(source: "You employ {employees} people{{!}} {if(q == 'yes', 'Yes', 'No')}.",
                                                      symbols: TestSymbols())
        #expect(issues.isEmpty)
        let template = try #require(compiled)
        #expect(template.references == [SymbolID(1), SymbolID(2)])
        #expect(template.render(TestContext(["employees": .number(12), "q": .choice(1)])) == "You employ 12 people{!} Yes.")
        let custom = template.render(TestContext(["q": .choice(2)])) { value, _ in value.isMissing ? "some" : value.description }
        #expect(custom == "You employ some people{!} No.")
    }

    @Test func issuesPointIntoTheTemplate() {
        let (compiled, issues) = TextTemplate.compile(source: "Hello {nme}!", symbols: TestSymbols())
        #expect(compiled == nil)
        #expect(issues.map(\.code) == ["FW310"])
        #expect(issues.first?.range == 7..<10)
        #expect(issues.first?.message.contains("did you mean 'name'") == true)
        let (_, syntax) = TextTemplate.compile(source: "Hello {name", symbols: TestSymbols())
        #expect(syntax.map(\.code) == ["FW301"])
        #expect(syntax.first?.range == 6..<7)
    }

    @Test func diagnosticsLandAtTheRightColumn() {
        let (_, issues) = compile("employes > 1")
        let start = SourceLocation(file: "q.json", line: 4, column: 20, offset: 100)
        let diagnostic = issues.first?.diagnostic(expressionStart: start)
        #expect(diagnostic?.location.column == 20)
        #expect(diagnostic?.code == "FW310")
        let error = syntaxError("a = 1")
        #expect(error?.diagnostic(expressionStart: start).location.column == 22)
    }
}
