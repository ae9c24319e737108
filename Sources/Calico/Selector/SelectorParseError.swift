// A selector that does not parse: what was expected, and where (1-based column).

/// Why a selector did not parse. `column` is 1-based and counts characters of the input.
public struct SelectorParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int

    public init(message: String, column: Int) {
        self.message = message
        self.column = column
    }

    /// e.g. `expected a string after '==' at column 7`.
    public var description: String { "\(message) at column \(column)" }
}
