import FieldworkExpressions
import FieldworkModel

/// A checked `end` item: its condition and texts compiled where it stands in the interview.
public final class EndpointInfo: Sendable {
    public let index: Int
    public let endpoint: Endpoint
    public let section: Int
    /// Enclosing loops, outermost first.
    public let loops: [Int]
    public let askIf: CompiledExpression?
    public let text: CompiledText?
    public let instruction: CompiledText?
    public let programIndex: Int

    public init(index: Int, endpoint: Endpoint, section: Int, loops: [Int], askIf: CompiledExpression?, text: CompiledText?,
                instruction: CompiledText?, programIndex: Int) {
        self.index = index
        self.endpoint = endpoint
        self.section = section
        self.loops = loops
        self.askIf = askIf
        self.text = text
        self.instruction = instruction
        self.programIndex = programIndex
    }
}
