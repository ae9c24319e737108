// The errors a command throws, one type per exit code, so the exit code follows from what
// went wrong rather than from where it was caught.

/// A usage error: bad option, bad value, missing argument. Exit code 2.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A failure of the input itself (unreadable file, invalid JSON, ...). Exit code 2.
public struct InputError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A bug in k8sfv itself (a broken invariant, an option read but never declared). Exit code 4,
/// with a request for a bug report: the user did nothing wrong.
public struct InternalError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
