// One command-line option, declared once: the parser (`Arguments`) and the help text
// (`CommandHelp`) are both made from these declarations, so help can never list an option the
// parser refuses, nor the parser accept one the help leaves out. Modelled on
// swift-argument-parser's `@Option`/`@Flag` (a name, a value kind, a default, help), written
// here because the project takes no packages.

/// One option a command accepts.
struct OptionDeclaration: Sendable {
    /// What follows the option's name, and the one place its value is checked.
    enum Value: Sendable {
        /// A flag: present or not, no value.
        case none
        /// Any text; the placeholder (`DIR`, `FILE`) is what help shows.
        case text(String)
        /// A whole number within the range.
        case integer(String, ClosedRange<Int>)
        /// An unsigned 64-bit number, decimal or 0x-hex (a seed).
        case unsigned64(String)
        /// A duration (`90s`, `5m`, `2h`, `250ms`) of at most ten years; more than zero unless
        /// `allowZero`. `inf`, `nan` and negative values are refused.
        case duration(String, allowZero: Bool)
        /// One of a fixed set of words.
        case choice([String])
    }

    /// `--name`, always with the two dashes.
    var name: String
    var value: Value
    /// The one-paragraph help; help wraps it.
    var help: String
    /// The value used when the option is not given, in the same text form as a given value (so
    /// it is checked by the same rule); nil when there is none or it depends on other options
    /// (the help then says so in words).
    var defaultValue: String?
    /// May be given more than once (each value is kept, in order); otherwise a second
    /// occurrence is a usage error.
    var repeatable: Bool = false
    /// The heading help lists this option under ("Options" when nil).
    var group: String? = nil

    var takesValue: Bool { if case .none = value { false } else { true } }

    /// The placeholder after the name in help: `DIR`, `N`, `small|seed`; empty for a flag.
    var placeholder: String {
        switch value {
        case .none: ""
        case .text(let name), .integer(let name, _), .unsigned64(let name), .duration(let name, _): name
        case .choice(let words): words.joined(separator: "|")
        }
    }

    // MARK: Constructors that read like the table they make

    static func flag(_ name: String, _ help: String, group: String? = nil) -> OptionDeclaration {
        OptionDeclaration(name: name, value: .none, help: help, defaultValue: nil, group: group)
    }

    static func text(
        _ name: String, _ placeholder: String, _ help: String, default value: String? = nil,
        repeatable: Bool = false, group: String? = nil
    ) -> OptionDeclaration {
        OptionDeclaration(
            name: name, value: .text(placeholder), help: help, defaultValue: value, repeatable: repeatable, group: group)
    }

    static func integer(
        _ name: String, in range: ClosedRange<Int>, _ help: String, placeholder: String = "N",
        default value: Int? = nil, group: String? = nil
    ) -> OptionDeclaration {
        OptionDeclaration(
            name: name, value: .integer(placeholder, range), help: help, defaultValue: value.map(String.init), group: group)
    }

    static func unsigned64(
        _ name: String, _ help: String, placeholder: String = "S", default value: UInt64? = nil, group: String? = nil
    ) -> OptionDeclaration {
        OptionDeclaration(
            name: name, value: .unsigned64(placeholder), help: help, defaultValue: value.map(String.init), group: group)
    }

    static func duration(
        _ name: String, allowZero: Bool = false, _ help: String, placeholder: String = "DURATION",
        default value: String? = nil, group: String? = nil
    ) -> OptionDeclaration {
        OptionDeclaration(
            name: name, value: .duration(placeholder, allowZero: allowZero), help: help, defaultValue: value, group: group)
    }

    static func choice(
        _ name: String, _ words: [String], _ help: String, default value: String? = nil, group: String? = nil
    ) -> OptionDeclaration {
        OptionDeclaration(name: name, value: .choice(words), help: help, defaultValue: value, group: group)
    }
}

/// A value a declaration's checker accepted, in the form the command reads.
enum OptionValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case unsigned64(UInt64)
    case seconds(Double)
}

extension OptionDeclaration {
    /// Checks `text` as this option's value: the one place ranges, units and words are checked.
    func check(_ text: String) throws(UsageError) -> OptionValue {
        switch value {
        case .none:
            throw UsageError("option \(name) takes no value, not '\(text)'")
        case .text:
            return .text(text)
        case .integer(_, let range):
            guard let number = Int(text), range.contains(number) else {
                throw UsageError(
                    "option \(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            }
            return .integer(number)
        case .unsigned64:
            if let number = UInt64(text) { return .unsigned64(number) }
            if text.lowercased().hasPrefix("0x"), let number = UInt64(text.dropFirst(2), radix: 16) {
                return .unsigned64(number)
            }
            throw UsageError("option \(name) takes a number (decimal or 0x-hex), not '\(text)'")
        case .duration(_, let allowZero):
            guard let seconds = Duration.seconds(text) else {
                throw UsageError("option \(name) takes a duration such as 90s, 5m or 2h, not '\(text)'")
            }
            if seconds == 0 && !allowZero {
                throw UsageError("option \(name) takes a duration of more than 0, not '\(text)'")
            }
            guard seconds <= Duration.maximumSeconds else {
                throw UsageError("option \(name) takes a duration of at most 87600h (ten years), not '\(text)'")
            }
            return .seconds(seconds)
        case .choice(let words):
            guard words.contains(text) else {
                throw UsageError("option \(name) takes \(Self.list(words)), not '\(text)'")
            }
            return .text(text)
        }
    }

    /// `a or b`, `a, b or c`.
    static func list(_ words: [String]) -> String {
        guard words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// The durations every option reads: `90`, `90s`, `5m`, `2h`, `250ms`.
    enum Duration {
        /// The longest duration any option takes: ten years, in seconds, so no later arithmetic
        /// on it can overflow.
        static let maximumSeconds: Double = 315_360_000

        /// A finite, non-negative duration in seconds, or nil for anything else (`1e400`,
        /// `-5s`, `nan`, `inf`).
        static func seconds(_ text: String) -> Double? {
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
    }
}
