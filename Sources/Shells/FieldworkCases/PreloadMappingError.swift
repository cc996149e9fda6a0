import FieldworkBasics

/// A `--map NAME=COLUMN` option that cannot be used.
public enum PreloadMappingError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case undeclared(String, declared: [String])
    case repeated(String)

    public var description: String {
        switch self {
        case .malformed(let argument):
            "--map '\(argument)' is not NAME=COLUMN; write e.g. --map prev_crimes=tot_inc"
        case .undeclared(let name, let declared):
            "--map names '\(name)', which the questionnaire's \"preload\" does not declare; it declares "
                + declared.map { "'\($0)'" }.joined(separator: ", ")
        case .repeated(let name):
            "--map gives '\(name)' twice; map each preload value to one column"
        }
    }
}
