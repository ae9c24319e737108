// The YAML subset kubectl writes into kubeconfig files, read into a JSONValue tree.
// Takes: text. Gives: nested mappings ("key: value", "key:" + indented block), sequences
// ("- item", including "- key: value" items and sequences at the parent's indentation), plain,
// single- and double-quoted scalars, `{}`/`[]` and simple flow sequences, comments. Scalars
// stay strings; callers interpret "true"/"false". Anything else (anchors, block scalars `|`/`>`,
// multi-document files) is refused with the line number. Also accepts JSON (as written by
// `kubectl config view -o json`). Cost: linear in the text.
import Foundation

enum MiniYAML {
    private struct Line {
        var number: Int
        var indent: Int
        var text: String
    }

    static func parse(_ text: String) throws -> JSONValue {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("{") { return try JSONValue.parseBody(Data(trimmed.utf8)) }
        var lines: [Line] = []
        for (i, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.replacingOccurrences(of: "\r", with: "")
            let content = line.trimmingCharacters(in: .whitespaces)
            if content.isEmpty || content.hasPrefix("#") || content == "---" { continue }
            if line.contains("\t") && line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                throw error(i + 1, "tab in indentation")
            }
            lines.append(Line(number: i + 1, indent: line.prefix(while: { $0 == " " }).count, text: content))
        }
        var index = 0
        guard !lines.isEmpty else { return .object([:]) }
        let value = try parseBlock(&lines, &index, indent: lines[0].indent)
        if index < lines.count { throw error(lines[index].number, "unexpected indentation") }
        return value
    }

    private static func error(_ line: Int, _ what: String) -> KubeClientError {
        .configuration("kubeconfig line \(line): \(what); k8sfv reads the YAML that kubectl writes — if this file is hand-written, convert it with `kubectl config view --raw -o json`")
    }

    private static func isSequenceItem(_ text: String) -> Bool { text == "-" || text.hasPrefix("- ") }

    private static func parseBlock(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> JSONValue {
        isSequenceItem(lines[i].text) ? try parseSequence(&lines, &i, indent: indent) : try parseMapping(&lines, &i, indent: indent)
    }

    private static func parseSequence(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> JSONValue {
        var items: [JSONValue] = []
        while i < lines.count, lines[i].indent == indent, isSequenceItem(lines[i].text) {
            let line = lines[i]
            let rest = String(line.text.dropFirst()).trimmingCharacters(in: .whitespaces)
            if rest.isEmpty {
                i += 1
                if i < lines.count, lines[i].indent > indent { items.append(try parseBlock(&lines, &i, indent: lines[i].indent)) }
                else { items.append(.null) }
            } else if splitKey(rest) != nil {
                // "- key: value": a mapping whose keys sit two columns in.
                let offset = line.text.count - rest.count
                lines[i] = Line(number: line.number, indent: indent + offset, text: rest)
                items.append(try parseMapping(&lines, &i, indent: indent + offset))
            } else {
                items.append(try scalar(rest, line: line.number))
                i += 1
            }
        }
        return .array(items)
    }

    private static func parseMapping(_ lines: inout [Line], _ i: inout Int, indent: Int) throws -> JSONValue {
        var map: [String: JSONValue] = [:]
        while i < lines.count, lines[i].indent == indent, !isSequenceItem(lines[i].text) {
            let line = lines[i]
            guard let (key, rest) = splitKey(line.text) else { throw error(line.number, "expected \"key: value\"") }
            i += 1
            if rest.isEmpty {
                if i < lines.count, lines[i].indent > indent {
                    map[key] = try parseBlock(&lines, &i, indent: lines[i].indent)
                } else if i < lines.count, lines[i].indent == indent, isSequenceItem(lines[i].text) {
                    map[key] = try parseSequence(&lines, &i, indent: indent)
                } else {
                    map[key] = .null
                }
            } else {
                map[key] = try scalar(rest, line: line.number)
            }
        }
        return .object(map)
    }

    /// "key: rest" or "key:" (key possibly quoted); nil when the text is not a mapping entry.
    private static func splitKey(_ text: String) -> (String, String)? {
        if let q = text.first, q == "\"" || q == "'" {
            guard let close = text.dropFirst().firstIndex(of: q) else { return nil }
            let after = text[text.index(after: close)...]
            guard after.hasPrefix(":") else { return nil }
            let key = String(text[text.index(after: text.startIndex)..<close])
            return (key, after.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        if let r = text.range(of: ": ") {
            return (String(text[..<r.lowerBound]), String(text[r.upperBound...]).trimmingCharacters(in: .whitespaces))
        }
        if text.hasSuffix(":") && !text.hasPrefix("{") { return (String(text.dropLast()), "") }
        return nil
    }

    private static func scalar(_ raw: String, line: Int) throws -> JSONValue {
        var text = raw
        if text.hasPrefix("\"") {
            return .string(try doubleQuoted(text, line: line))
        }
        if text.hasPrefix("'") {
            guard text.count >= 2, text.hasSuffix("'") else { throw error(line, "unterminated single-quoted string") }
            return .string(String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'"))
        }
        if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces) }
        if text == "{}" { return .object([:]) }
        if text == "[]" { return .array([]) }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            return .array(text.dropFirst().dropLast().split(separator: ",").map {
                .string($0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
            })
        }
        if text.hasPrefix("|") || text.hasPrefix(">") || text.hasPrefix("&") || text.hasPrefix("*") || text.hasPrefix("{") {
            throw error(line, "unsupported YAML construct \"\(text.prefix(1))\"")
        }
        if text == "null" || text == "~" { return .null }
        return .string(text)
    }

    private static func doubleQuoted(_ text: String, line: Int) throws -> String {
        var out = ""
        var chars = text.dropFirst().makeIterator()
        while let c = chars.next() {
            if c == "\"" { return out }
            if c == "\\" {
                guard let e = chars.next() else { break }
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "\\": out.append("\\")
                case "\"": out.append("\"")
                case "/": out.append("/")
                case "u":
                    var hex = ""
                    for _ in 0..<4 { if let h = chars.next() { hex.append(h) } }
                    guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw error(line, "bad \\u escape") }
                    out.unicodeScalars.append(scalar)
                default: out.append(e)
                }
            } else {
                out.append(c)
            }
        }
        throw error(line, "unterminated double-quoted string")
    }
}
