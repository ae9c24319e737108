/// A name or a specification that does not parse: an unknown injected bug, scale, target or
/// property, or a worker spec that is not valid JSON. Bad input (the CLI exits 2), never a
/// failure of a target (`TargetError`) nor of a property (`Failure`).
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
