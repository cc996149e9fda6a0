import Testing
@testable import FieldworkExpressions

@Suite struct ParserTests {
    @Test func literals() {
        #expect(parsed("12")?.node == .integer(12))
        #expect(parsed("3.5")?.node == .decimal(3.5))
        #expect(parsed("'retail'")?.node == .string("retail"))
        #expect(parsed("\"retail\"")?.node == .string("retail"))
        #expect(parsed(#"'it\'s \"x\" \\ \n'"#)?.node == .string("it's \"x\" \\ \n"))
        #expect(parsed("true")?.node == .boolean(true))
        #expect(parsed("false")?.node == .boolean(false))
    }

    @Test func referencesAndIndexes() {
        #expect(parsed("turnover")?.node == .reference(["turnover"]))
        #expect(parsed("sample.sector")?.node == .reference(["sample", "sector"]))
        #expect(parsed("victim_cost[burglary]")?.node == .index(path: ["victim_cost"], key: .name("burglary")))
        #expect(parsed("visits[2]")?.node == .index(path: ["visits"], key: .number(2)))
        #expect(parsed("grid_q.row[a]")?.node == .index(path: ["grid_q", "row"], key: .name("a")))
    }

    @Test func listsAndCalls() throws {
        let list = try #require(parsed("q in [1, 2, 'a']"))
        guard case .binary(.in, _, let right) = list.node, case .list(let elements) = right.node else {
            Issue.record("expected in with list"); return
        }
        #expect(elements.map(\.node) == [.integer(1), .integer(2), .string("a")])
        #expect(right.range == 5..<16)
        #expect(parsed("[]")?.node == .list([]))
        let call = try #require(parsed("min(a, b, 3)"))
        guard case .call("min", let arguments) = call.node else { Issue.record("expected call"); return }
        #expect(arguments.count == 3)
        #expect(parsed("answered()")?.node == .call("answered", []))
    }

    @Test func precedence() {
        #expect(parsed("a or b and c")?.description == "a or b and c")
        guard case .binary(.or, _, let right)? = parsed("a or b and c")?.node,
              case .binary(.and, _, _) = right.node else { Issue.record("and binds tighter than or"); return }
        guard case .binary(.and, let l, _)? = parsed("not a and b")?.node, case .unary(.not, _) = l.node else {
            Issue.record("not binds tighter than and"); return
        }
        guard case .unary(.not, let inner)? = parsed("not a == 1")?.node, case .binary(.equal, _, _) = inner.node else {
            Issue.record("comparison binds tighter than not"); return
        }
        guard case .binary(.add, _, let r)? = parsed("1 + 2 * 3")?.node, case .binary(.multiply, _, _) = r.node else {
            Issue.record("* binds tighter than +"); return
        }
        guard case .binary(.subtract, let l2, _)? = parsed("1 - 2 - 3")?.node, case .binary(.subtract, _, _) = l2.node else {
            Issue.record("- is left associative"); return
        }
        guard case .binary(.multiply, let neg, _)? = parsed("-a * b")?.node, case .unary(.negate, _) = neg.node else {
            Issue.record("unary minus binds tightest"); return
        }
        guard case .binary(.greater, let sum, _)? = parsed("a + 1 > 2")?.node, case .binary(.add, _, _) = sum.node else {
            Issue.record("+ binds tighter than >"); return
        }
        #expect(parsed("(a or b) and c")?.description == "(a or b) and c")
    }

    @Test func synonyms() {
        #expect(parsed("a && b || !c").map(stripRanges) == parsed("a and b or not c").map(stripRanges))
        #expect(parsed("a && b || !c")?.description == "a and b or not c")
    }

    @Test func notIn() {
        guard case .unary(.not, let inner)? = parsed("q not in [1]")?.node, case .binary(.in, _, _) = inner.node else {
            Issue.record("not in"); return
        }
    }

    @Test func ranges() throws {
        let e = try #require(parsed("q == 'yes' and count(crimes) > 0"))
        #expect(e.range == 0..<32)
        guard case .binary(.and, let l, let r) = e.node else { Issue.record("and"); return }
        #expect(l.range == 0..<10)
        #expect(r.range == 15..<32)
        guard case .binary(.greater, let call, let zero) = r.node else { Issue.record(">"); return }
        #expect(call.range == 15..<28)
        #expect(zero.range == 31..<32)
        // Ranges count Unicode scalars, not bytes.
        let u = try #require(parsed("'café' == x"))
        guard case .binary(_, let s, let x) = u.node else { Issue.record("=="); return }
        #expect(s.range == 0..<6)
        #expect(x.range == 10..<11)
        let p = try #require(parsed(" ( a ) "))
        #expect(p.range == 1..<6)
    }

    @Test(arguments: [
        ("q = 1", 2, "use '=='"),
        ("a ==", 4, "expected a value after '=='"),
        ("(a", 2, "expected ')'"),
        ("a)", 1, "no matching '('"),
        ("'abc", 0, "never closed"),
        ("'a\\qb'", 2, "unknown escape"),
        ("a # b", 2, "unexpected character '#'"),
        ("a < b < c", 6, "cannot be chained"),
        ("a b", 2, "expected an operator"),
        ("12abc", 2, "after the number"),
        ("x[", 2, "inside [ ]"),
        ("x[a", 3, "expected ']'"),
        ("a.b(1)", 3, "only functions can be called"),
        ("f(1,", 4, "expected an argument"),
        ("f(1 2)", 4, "expected ',' or ')'"),
        ("[1, 2", 5, "expected ',' or ']'"),
        ("", 0, "expected a value"),
        ("a and", 5, "expected a value after 'and'"),
        ("()", 1, "expected an expression inside ( )"),
        ("a.", 2, "expected a name after '.'"),
        ("a & b", 2, "use 'and'"),
        ("99999999999999999999", 0, "too large"),
    ])
    func syntaxErrors(source: String, offset: Int, fragment: String) throws {
        let error = try #require(syntaxError(source))
        #expect(error.offset == offset, "\(source): \(error)")
        #expect(error.message.contains(fragment), "\(source): \(error.message)")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(syntaxError(deep)?.message.contains("more than 200 levels deep") == true)
        let nots = String(repeating: "not ", count: 5000) + "a"
        #expect(syntaxError(nots) != nil)
        let negs = String(repeating: "-", count: 5000) + "1"
        #expect(syntaxError(negs) != nil)
    }

    @Test func printerRoundTrips() throws {
        for source in ["a or b and not c", "(a + b) * -c", "x in ['a', 'b']", "f(1, 2.5, 'it\\'s')", "v[2] >= date('2025-01-01')", "a - (b - c)"] {
            let e = try #require(parsed(source))
            let again = try #require(parsed(e.description))
            #expect(stripRanges(again) == stripRanges(e), "\(source) printed as \(e.description)")
        }
    }
}

/// The tree without positions, for comparing parses of differently spaced text.
func stripRanges(_ e: Expression) -> Expression {
    func strip(_ node: ExpressionNode) -> ExpressionNode {
        switch node {
        case .list(let items): return .list(items.map(stripRanges))
        case .unary(let op, let x): return .unary(op, stripRanges(x))
        case .binary(let op, let a, let b): return .binary(op, stripRanges(a), stripRanges(b))
        case .call(let name, let args): return .call(name, args.map(stripRanges))
        default: return node
        }
    }
    return Expression(strip(e.node), range: 0..<0)
}
