// Gen: a generator is a function from a ChoiceSource to a value. Takes a source; gives a
// value, with every decision recorded in the source. Cost: whatever the generator draws.

/// A recipe for producing values from recorded choices. Because all randomness flows through
/// the `ChoiceSource`, the same choices always give the same value: generation, replay of a
/// reproducer and shrinking all run the same code.
///
/// Simpler choices mean simpler values: every built-in combinator maps choice 0 to its
/// simplest result, so the shrinker can work on the numbers without knowing the type.
public struct Gen<Value>: Sendable {
    @usableFromInline let body: @Sendable (ChoiceSource) throws -> Value

    @inlinable
    public init(_ body: @escaping @Sendable (ChoiceSource) throws -> Value) { self.body = body }

    /// Draws one value; throws `GenerationFailure` when the generator gives up.
    @inlinable
    public func run(_ source: ChoiceSource) throws -> Value { try body(source) }

    /// Generates a fresh value from `seed`, returning it with its recording.
    @inlinable
    public func generate(seed: UInt64) throws -> (value: Value, recording: ChoiceRecording) {
        let source = ChoiceSource(seed: seed)
        let value = try run(source)
        return (value, source.recording)
    }

    /// Rebuilds the value a recorded sequence describes (any sequence decodes; see ChoiceSource).
    public func replay(_ sequence: ChoiceSequence) throws -> (value: Value, recording: ChoiceRecording) {
        let source = ChoiceSource(replaying: sequence)
        let value = try run(source)
        return (value, source.recording)
    }

    @inlinable
    public func map<T>(_ transform: @escaping @Sendable (Value) throws -> T) -> Gen<T> {
        Gen<T> { source in try transform(self.run(source)) }
    }

    /// Dependent generation: the next generator depends on this one's value. Shrinking still
    /// works across it, because the shrinker edits choices, not values.
    @inlinable
    public func flatMap<T>(_ next: @escaping @Sendable (Value) throws -> Gen<T>) -> Gen<T> {
        Gen<T> { source in try next(self.run(source)).run(source) }
    }

    /// Wraps the generator in a labelled span, so reports and the shrinker can see its slice.
    public func labelled(_ label: String) -> Gen<Value> {
        Gen { source in try source.span(label) { try self.run(source) } }
    }

    /// Always `value`; draws nothing.
    public static func constant(_ value: Value) -> Gen<Value> where Value: Sendable {
        Gen { _ in value }
    }
}
