// A failed system call, with errno rendered as text so messages say what went wrong.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct SystemCallError: Error, Hashable, Sendable, CustomStringConvertible {
    public var call: String
    public var code: Int32
    public var context: String

    public init(_ call: String, code: Int32 = errno, context: String = "") {
        self.call = call
        self.code = code
        self.context = context
    }

    public var description: String {
        let reason = String(cString: strerror(code))
        return context.isEmpty ? "\(call): \(reason) (errno \(code))" : "\(call) \(context): \(reason) (errno \(code))"
    }
}
