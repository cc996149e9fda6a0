/// A place in a source file, so that every message can send a designer straight to the problem.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user named it; empty for text that came from no file.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in Unicode scalars.
    public var column: Int
    /// 0-based byte offset into the file, for tools that prefer offsets.
    public var offset: Int

    public init(file: String = "", line: Int, column: Int, offset: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// The start of a file; used when a problem belongs to the file as a whole.
    public static func start(of file: String) -> SourceLocation {
        SourceLocation(file: file, line: 1, column: 1, offset: 0)
    }

    /// The position `columns` scalars further along the same line, used to point inside a string
    /// literal (an expression or a fill) held in the JSON.
    public func advanced(byColumns columns: Int, bytes: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + columns, offset: offset + (bytes ?? columns))
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }
}
