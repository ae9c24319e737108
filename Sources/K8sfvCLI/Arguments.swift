import Foundation

// A small argument reader for the k8sfv commands (the toolchain has no argument parser).
// Commands pull what they know; `finish()` then rejects anything left over, so a typo is
// a one-line usage error (exit 2) rather than silently ignored.

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

/// The command line after the command name, consumed option by option.
public struct Arguments {
    private var items: [String?]

    public init(_ arguments: [String]) { items = arguments }

    /// True when `--name` is present (and removes it).
    public mutating func flag(_ name: String) -> Bool {
        guard let index = items.firstIndex(where: { $0 == name }) else { return false }
        items[index] = nil
        return true
    }

    /// The value of `--name VALUE` or `--name=VALUE`, if present.
    public mutating func option(_ name: String) throws -> String? {
        for index in items.indices {
            guard let item = items[index] else { continue }
            if item == name {
                guard index + 1 < items.count, let value = items[index + 1] else {
                    throw UsageError("option \(name) needs a value")
                }
                // `--out --json` is a forgotten value, not a directory named `--json`; a value
                // that really starts with `--` can still be given as `\(name)=--value`.
                if value.hasPrefix("--") {
                    throw UsageError(
                        "option \(name) needs a value, but the next argument is the option '\(value)'; "
                            + "give the value (or write \(name)=\(value) if that is the value)")
                }
                items[index] = nil
                items[index + 1] = nil
                return value
            }
            if item.hasPrefix(name + "=") {
                items[index] = nil
                return String(item.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    /// Every value of a repeatable option, in order.
    public mutating func options(_ name: String) throws -> [String] {
        var values: [String] = []
        while let value = try option(name) { values.append(value) }
        return values
    }

    /// An integer option, checked against a range.
    public mutating func intOption(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = try option(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("option \(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return number
    }

    /// An unsigned 64-bit option such as a seed (decimal or 0x-hex).
    public mutating func uint64Option(_ name: String) throws -> UInt64? {
        guard let text = try option(name) else { return nil }
        if let value = UInt64(text) { return value }
        if text.lowercased().hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return value }
        throw UsageError("option \(name) takes a number (decimal or 0x-hex), not '\(text)'")
    }

    /// A duration such as `90`, `90s`, `5m` or `2h`, in seconds: at most ten years
    /// (`maximumSeconds`), so no later arithmetic on it can overflow; zero only when allowed.
    public mutating func durationOption(_ name: String, allowZero: Bool = true) throws -> Double? {
        guard let text = try option(name) else { return nil }
        if allowZero, let seconds = Arguments.parseDuration(text), seconds == 0 { return 0 }
        return try Arguments.positiveDuration(text, option: name)
    }

    /// The longest duration any option takes: ten years, in seconds.
    public static let maximumSeconds: Double = 315_360_000

    /// `text` as a duration more than 0 and at most `maximumSeconds`, or a usage error
    /// naming the option and the value.
    static func positiveDuration(_ text: String, option name: String) throws -> Double {
        guard let seconds = parseDuration(text) else {
            throw UsageError("option \(name) takes a duration such as 90s, 5m or 2h, not '\(text)'")
        }
        guard seconds > 0 else { throw UsageError("option \(name) takes a duration of more than 0, not '\(text)'") }
        guard seconds <= maximumSeconds else {
            throw UsageError("option \(name) takes a duration of at most 87600h (ten years), not '\(text)'")
        }
        return seconds
    }

    /// A finite, non-negative duration in seconds, or nil for anything else (`1e400`, `-5s`, `nan`).
    static func parseDuration(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        func finite(_ value: Double?) -> Double? {
            guard let value, value.isFinite, value >= 0 else { return nil }
            return value
        }
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = finite(Double(text.dropLast(suffix.count))), (value * scale).isFinite { return value * scale }
        }
        return finite(Double(text))
    }

    /// The next positional argument (anything not starting with `--`), if any.
    public mutating func positional() -> String? {
        for index in items.indices {
            guard let item = items[index] else { continue }
            if item == "-" || !item.hasPrefix("-") {
                items[index] = nil
                return item
            }
        }
        return nil
    }

    /// Rejects anything not consumed.
    public func finish() throws {
        let rest = items.compactMap { $0 }
        guard let first = rest.first else { return }
        if first.hasPrefix("-") { throw UsageError("unknown option \(first)") }
        throw UsageError("unexpected argument '\(first)'")
    }
}
