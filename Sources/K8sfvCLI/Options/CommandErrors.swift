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

/// The environment a command needs failed: an API server that does not answer, a socket that
/// cannot be opened, a Felix that sends nothing. Exit code 3: nothing is wrong with the input,
/// and nothing was learned about Felix.
public struct EnvironmentError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Where to report an internal error.
public enum BugReport {
    /// The words that follow an internal error's message.
    public static let request =
        "This is a bug in k8sfv, not in your input: please report it in the k8sfv repository's issue tracker "
        + "(its GitHub Issues page), with the command line, the output of 'k8sfv --version' and this message."
}
