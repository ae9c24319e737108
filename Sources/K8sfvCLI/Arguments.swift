import Foundation

/// The command line after the command name, parsed against the command's declared options.
///
/// Parsing happens once, up front: an unknown option (with a "did you mean"), an option given
/// twice, a missing value, a value that is itself an option and a value out of its range are
/// all refused before the command runs. `--name=value` and `--name value` are the same; after
/// `--` every word is positional. The command then reads what it needs; `finish()` refuses a
/// positional nobody read and an option that does not apply to what the command did.
public struct Arguments {
    /// The declarations, by name.
    private let declared: [String: OptionDeclaration]
    /// Each given option's checked values (in order; more than one only when repeatable), and
    /// its raw text, for messages.
    private var given: [String: [(text: String, value: OptionValue?)]] = [:]
    /// The options the command has asked about, so `finish()` can name one it never read.
    private var read: Set<String> = []
    private var positionals: [String] = []

    /// Parses `items` against `declarations`.
    init(_ items: [String], declarations: [OptionDeclaration]) throws(UsageError) {
        var table: [String: OptionDeclaration] = [:]
        for declaration in declarations { table[declaration.name] = declaration }
        declared = table
        var index = 0
        var endOfOptions = false
        while index < items.count {
            let item = items[index]
            index += 1
            if endOfOptions || item == "-" || !item.hasPrefix("-") {
                positionals.append(item)
                continue
            }
            if item == "--" {
                endOfOptions = true
                continue
            }
            let name: String
            let inline: String?
            if let equals = item.firstIndex(of: "=") {
                name = String(item[..<equals])
                inline = String(item[item.index(after: equals)...])
            } else {
                name = item
                inline = nil
            }
            guard let declaration = table[name] else {
                throw UsageError("unknown option \(name)" + Self.suggestion(for: name, among: table.keys))
            }
            var text: String?
            if declaration.takesValue {
                if let inline {
                    text = inline
                } else {
                    guard index < items.count else { throw UsageError("option \(name) needs a value") }
                    let next = items[index]
                    // `--out --json` is a forgotten value, not a directory named `--json`; a value
                    // that really starts with `--` can still be given as `--out=--json`.
                    if next.hasPrefix("--") {
                        throw UsageError(
                            "option \(name) needs a value, but the next argument is the option '\(next)'; "
                                + "give the value (or write \(name)=\(next) if that is the value)")
                    }
                    text = next
                    index += 1
                }
            } else if let inline {
                throw UsageError("option \(name) is a flag and takes no value, not '\(inline)'; write \(name) alone")
            }
            if let previous = given[name]?.first, !declaration.repeatable {
                let shown = { (value: String?) in value.map { " \($0)" } ?? "" }
                throw UsageError(
                    "option \(name) given twice (\(name)\(shown(previous.text.isEmpty ? nil : previous.text)) and "
                        + "\(name)\(shown(text))); give it once")
            }
            let value = try text.map { text throws(UsageError) in try declaration.check(text) }
            given[name, default: []].append((text ?? "", value))
        }
    }

    /// Parses `items` as the arguments of `command`.
    init(_ items: [String], for command: any K8sfvCommand.Type) throws(UsageError) {
        try self.init(items, declarations: command.options)
    }

    /// ` (did you mean --seed?)` for a near miss among the declared names, or nothing.
    static func suggestion(for name: String, among names: some Collection<String>) -> String {
        let scored = names.map { ($0, editDistance(name, $0)) }.filter { $0.1 <= max(2, name.count / 4) }
        guard let best = scored.min(by: { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }) else {
            return "; 'k8sfv help COMMAND' lists the options"
        }
        return " (did you mean \(best.0)?)"
    }

    /// The Levenshtein distance between two words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    // MARK: Reading

    /// The declaration of `name`; asking for an undeclared option is a bug in k8sfv.
    private mutating func declaration(_ name: String) throws(InternalError) -> OptionDeclaration {
        guard let declaration = declared[name] else {
            throw InternalError("the command reads option \(name), which it does not declare")
        }
        read.insert(name)
        return declaration
    }

    /// The checked value of `name`: the given one, else the declared default, else nil.
    private mutating func value(_ name: String) throws(InternalError) -> OptionValue? {
        let declaration = try declaration(name)
        if let given = given[name]?.last { return given.value }
        guard let text = declaration.defaultValue else { return nil }
        do { return try declaration.check(text) } catch {
            throw InternalError("option \(name) declares the default '\(text)', which its own check refuses: \(error.message)")
        }
    }

    /// True when the flag `name` is present.
    public mutating func flag(_ name: String) throws(InternalError) -> Bool {
        _ = try declaration(name)
        return given[name] != nil
    }

    /// True when `name` was given on the command line (not merely defaulted).
    public mutating func isGiven(_ name: String) throws(InternalError) -> Bool {
        _ = try declaration(name)
        return given[name] != nil
    }

    /// The text of option `name` (given, else its declared default), if any.
    public mutating func option(_ name: String) throws(InternalError) -> String? {
        switch try value(name) {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .unsigned64(let number): return String(number)
        case .seconds: return given[name]?.last?.text ?? declared[name]?.defaultValue
        case nil: return nil
        }
    }

    /// Every value of a repeatable option, in order.
    public mutating func options(_ name: String) throws(InternalError) -> [String] {
        _ = try declaration(name)
        return given[name]?.map(\.text) ?? []
    }

    /// A whole-number option (given, else its declared default), checked against its declared range.
    public mutating func intOption(_ name: String) throws(InternalError) -> Int? {
        guard let value = try value(name) else { return nil }
        guard case .integer(let number) = value else { throw InternalError("option \(name) is not declared as a whole number") }
        return number
    }

    /// An unsigned 64-bit option such as a seed (decimal or 0x-hex).
    public mutating func uint64Option(_ name: String) throws(InternalError) -> UInt64? {
        guard let value = try value(name) else { return nil }
        guard case .unsigned64(let number) = value else { throw InternalError("option \(name) is not declared as a number") }
        return number
    }

    /// A duration option, in seconds (given, else its declared default).
    public mutating func durationOption(_ name: String) throws(InternalError) -> Double? {
        guard let value = try value(name) else { return nil }
        guard case .seconds(let seconds) = value else { throw InternalError("option \(name) is not declared as a duration") }
        return seconds
    }

    /// The next positional argument (anything not starting with `-`, `-` itself, and every
    /// word after `--`), if any.
    public mutating func positional() -> String? {
        positionals.isEmpty ? nil : positionals.removeFirst()
    }

    /// Refuses a positional nobody read, and an option given but never read by what the
    /// command did (`fuzz --list-injections --seed 1`: the seed does not apply).
    public func finish() throws(UsageError) {
        if let first = positionals.first { throw UsageError("unexpected argument '\(first)'") }
        if let unread = given.keys.sorted().first(where: { !read.contains($0) }) {
            throw UsageError("option \(unread) does not apply here; leave it out")
        }
    }

    /// A duration as `durationOption` reads it, for values that are not options (a shard
    /// file's field, a test).
    static func parseDuration(_ text: String) -> Double? { OptionDeclaration.Duration.seconds(text) }

    /// The longest duration any option takes: ten years, in seconds.
    public static let maximumSeconds: Double = OptionDeclaration.Duration.maximumSeconds
}
