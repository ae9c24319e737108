// GenerationFailure: why a generator could not produce a value (as opposed to a property
// failing). Thrown by `Gen.run`; campaigns count it as "invalid", never as a bug found.

/// A generator gave up: a filter rejected too much, there was nothing to choose from, or the
/// test case grew beyond the choice limit. `message` says what and how to fix it.
public struct GenerationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// `filter(_:maxDiscards:)` rejected `maxDiscards` candidates in a row.
        case filterExhausted
        /// `element(of:)`, `oneOf` or `frequency` was given no options (or only zero weights).
        case nothingToChoose
        /// More choices were drawn than `ChoiceSource.maxChoices` allows.
        case tooManyChoices
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    public var description: String { "generation failed (\(kind.rawValue)): \(message)" }
}
