// A selector that does not parse: what was expected, where (1-based column), what was there.

/// Why a selector did not parse. `column` is 1-based and counts characters of the input.
public struct SelectorParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was expected, e.g. `expected a string after '=='`.
    public var message: String
    public var column: Int
    /// What was found instead, e.g. `label 'b'` or `end of input`, when that helps.
    public var found: String?

    public init(message: String, column: Int, found: String? = nil) {
        self.message = message
        self.column = column
        self.found = found
    }

    /// e.g. `expected a string after '==' at column 6, found label 'b'`.
    public var description: String {
        "\(message) at column \(column)" + (found.map { ", found \($0)" } ?? "")
    }
}
