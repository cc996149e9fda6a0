import Testing
@testable import FieldworkExpressions

@Suite struct TextPatternTests {
    static let email = "[^@ ]+@[^@ ]+[.][^@ ]+"
    static let postcode = "[A-Za-z][A-Za-z]?[0-9][0-9A-Za-z]? ?[0-9][A-Za-z][A-Za-z]"

    func pattern(_ source: String) throws -> TextPattern {
        switch TextPattern.parse(source) {
        case .success(let p): return p
        case .failure(let e): throw e
        }
    }

    func problem(_ source: String) -> TextPattern.SyntaxError? {
        if case .failure(let e) = TextPattern.parse(source) { return e }
        return nil
    }

    @Test func literalsAreMatchedAgainstTheWholeText() throws {
        let p = try pattern("abc")
        #expect(p.matches("abc"))
        #expect(!p.matches("abcd"))
        #expect(!p.matches("xabc"))
        #expect(!p.matches(""))
    }

    @Test func repeatsOptionalsAndAnyCharacter() throws {
        #expect(try pattern("ab?c").matches("ac"))
        #expect(try pattern("ab?c").matches("abc"))
        #expect(!(try pattern("ab?c").matches("abbc")))
        #expect(try pattern("ab*c").matches("abbbbc"))
        #expect(try pattern("ab*c").matches("ac"))
        #expect(!(try pattern("ab+c").matches("ac")))
        #expect(try pattern("ab+c").matches("abbc"))
        #expect(try pattern("a.c").matches("a-c"))
        #expect(!(try pattern("a.c").matches("ac")))
        #expect(try pattern(".*").matches(""))
    }

    @Test func classesRangesNegationAndNamedClasses() throws {
        let p = try pattern("[a-c0-9_]+")
        #expect(p.matches("ab_09"))
        #expect(!p.matches("abd"))
        #expect(try pattern("[^@ ]+").matches("x.y"))
        #expect(!(try pattern("[^@ ]+").matches("x y")))
        #expect(try pattern("\\d\\d-\\w+\\s\\S").matches("12-ab_3 x"))
        #expect(!(try pattern("\\D").matches("5")))
        #expect(try pattern("[\\d.]+").matches("3.25"))
        #expect(try pattern("[]x]").matches("]"))
        #expect(try pattern("[a-]").matches("-"))
        #expect(try pattern("a\\.b\\+").matches("a.b+"))
        #expect(!(try pattern("a\\.b").matches("axb")))
    }

    @Test func emailAndPostcodeShapes() throws {
        let email = try pattern(Self.email)
        for good in ["jo@example.com", "a.b+c@mail.co.uk"] { #expect(email.matches(good), "\(good)") }
        for bad in ["jo@example", "jo example@x.com", "@x.com", "jo@@x.com", "jo@x."] { #expect(!email.matches(bad), "\(bad)") }
        let postcode = try pattern(Self.postcode)
        for good in ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "ec1a1bb"] { #expect(postcode.matches(good), "\(good)") }
        for bad in ["SW1A", "12345", "SW1A 1A", "SW1A  1AA"] { #expect(!postcode.matches(bad), "\(bad)") }
    }

    /// A pattern that sends backtracking matchers exponential is answered at once: the matcher keeps
    /// one set of positions per character.
    @Test func noCatastrophicBacktracking() throws {
        let p = try pattern(String(repeating: "a?", count: 30) + String(repeating: "a", count: 30))
        #expect(p.matches(String(repeating: "a", count: 30)))
        #expect(!p.matches(String(repeating: "a", count: 29) + "b"))
        let nested = try pattern(String(repeating: "a*", count: 50) + "b")
        #expect(!nested.matches(String(repeating: "a", count: 5000)))
    }

    @Test func mistakesAreReportedWithTheirOffset() {
        #expect(problem("[a-z")?.offset == 0)
        #expect(problem("ab*+")?.offset == 3)
        #expect(problem("*a")?.offset == 0)
        #expect(problem("a(b|c)")?.offset == 1)
        #expect(problem("ab]")?.offset == 2)
        #expect(problem("[z-a]")?.offset == 1)
        #expect(problem("a\\q")?.offset == 1)
        #expect(problem("a\\")?.offset == 1)
        #expect(problem("[\\D]")?.offset == 1)
        #expect(problem(String(repeating: "a", count: TextPattern.maximumAtoms + 1))?.offset == TextPattern.maximumAtoms)
        #expect(problem("a$")?.message.contains("whole text") == true)
    }
}
