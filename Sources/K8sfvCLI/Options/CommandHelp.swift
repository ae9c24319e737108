// `k8sfv help COMMAND`, generated: the command's own prose around an option list rendered from
// the same declarations the parser reads.

enum CommandHelp {
    /// The column option help starts at, and the width it wraps to.
    static let helpColumn = 26
    static let width = 92

    /// The help text of `command`: `about`, the options (grouped, each with its default and
    /// range), `--help`, then `notes`.
    static func render(_ command: any K8sfvCommand.Type) -> String {
        var lines = [command.about.trimmingTrailingNewlines(), ""]
        var groups: [String] = []
        for option in command.options where !groups.contains(option.group ?? "Options") { groups.append(option.group ?? "Options") }
        if groups.isEmpty { groups = ["Options"] }
        for (position, group) in groups.enumerated() {
            if position > 0 { lines.append("") }
            lines.append(group + ":")
            for option in command.options where (option.group ?? "Options") == group { lines += entry(option) }
            if position == 0 { lines += entry(.flag("--help", "print this text and exit")) }
        }
        let notes = command.notes.trimmingTrailingNewlines()
        if !notes.isEmpty { lines += ["", notes] }
        return lines.joined(separator: "\n")
    }

    /// One option's lines: `  --name VALUE   help (default: …; range)`, wrapped.
    static func entry(_ option: OptionDeclaration) -> [String] {
        var head = "  " + option.name
        if option.takesValue { head += " " + option.placeholder }
        var text = option.help
        var facts: [String] = []
        if let value = option.defaultValue { facts.append("default: \(value)") }
        if case .integer(_, let range) = option.value { facts.append("\(range.lowerBound) to \(range.upperBound)") }
        if option.repeatable { facts.append("repeatable") }
        if !facts.isEmpty { text += " (" + facts.joined(separator: "; ") + ")" }
        let wrapped = wrap(text, width: width - helpColumn)
        var lines: [String] = []
        if head.count + 2 <= helpColumn {
            lines.append(head.padding(toLength: helpColumn, withPad: " ", startingAt: 0) + (wrapped.first ?? ""))
        } else {
            lines.append(head)
            lines.append(String(repeating: " ", count: helpColumn) + (wrapped.first ?? ""))
        }
        for line in wrapped.dropFirst() { lines.append(String(repeating: " ", count: helpColumn) + line) }
        return lines
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
