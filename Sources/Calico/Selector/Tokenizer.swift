// The selector tokenizer. Takes: selector text. Gives: tokens with their byte offsets, ending
// with `.end`, or a SelectorParseError. Cost: one pass over the UTF-8 bytes.
//
// Source: projectcalico/calico:libcalico-go/lib/selector/tokenizer/tokenizer.go (`AppendTokens`).
// Facts kept from it:
// - whitespace is only space and tab (a newline is an unexpected character);
// - a label is 1...512 of [a-zA-Z0-9_./-] (`MaxLabelLength`; older Calico had no limit);
// - strings are '…' or "…" with no escapes;
// - keyword operators (`contains`, `starts with`, `ends with`, `not in`, `in`) are looked for
//   only directly after a label; the words of a two-word operator may be separated by any run of
//   blanks, including none, and the word-boundary check comes after the blanks that follow the
//   last word (`cutMultiWordPrefixCheckBreak`; spec §0 C1);
// - `has(`, `all(`, `global(` need the `(` directly after the word; inside, blanks are allowed.

struct SelectorToken: Equatable {
    enum Kind: Equatable {
        case label, string, has
        case all, global
        case equals, notEquals, contains, startsWith, endsWith, isIn, notIn
        case not, and, or
        case leftParen, rightParen, leftBrace, rightBrace, comma
        case end
    }

    var kind: Kind
    /// The label, string contents or `has` label; empty for the others.
    var value: String
    /// Byte offset of the token's first character in the input.
    var offset: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .label: return "label '\(value)'"
        case .string: return "string \"\(value)\""
        case .has: return "'has(\(value))'"
        case .all: return "'all()'"
        case .global: return "'global()'"
        case .equals: return "'=='"
        case .notEquals: return "'!='"
        case .contains: return "'contains'"
        case .startsWith: return "'starts with'"
        case .endsWith: return "'ends with'"
        case .isIn: return "'in'"
        case .notIn: return "'not in'"
        case .not: return "'!'"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .end: return "end of input"
        }
    }
}

struct SelectorTokenizer {
    /// Calico's `MaxLabelLength`.
    static let maxLabelLength = 512

    let bytes: [UInt8]
    private var position = 0
    private var tokens: [SelectorToken] = []

    init(_ text: String) { bytes = Array(text.utf8) }

    /// The tokens of `text`, ending with `.end`.
    static func tokenize(_ text: String) throws(SelectorParseError) -> [SelectorToken] {
        var tokenizer = SelectorTokenizer(text)
        return try tokenizer.run()
    }

    /// 1-based character column of a byte offset in `bytes`.
    static func column(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        let clamped = max(0, min(offset, bytes.count))
        return String(decoding: bytes[0..<clamped], as: UTF8.self).count + 1
    }

    private func fail(_ message: String, at offset: Int, found: String? = nil) -> SelectorParseError {
        SelectorParseError(message: message, column: Self.column(ofByte: offset, in: bytes), found: found)
    }

    /// What is at `offset`, for "found …".
    private func found(at offset: Int) -> String {
        offset < bytes.count ? Self.describeCharacter(at: offset, in: bytes) : "end of input"
    }

    static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)
            || c == 0x5f || c == 0x2e || c == 0x2f || c == 0x2d  // _ . / -
    }

    private static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    private mutating func skipBlanks() {
        while position < bytes.count, Self.isBlank(bytes[position]) { position += 1 }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// True when the input at `at` starts with `word` (ASCII).
    private func startsWith(_ word: StaticString, at: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        return word.withUTF8Buffer { buffer in
            for index in 0..<count where bytes[at + index] != buffer[index] { return false }
            return true
        }
    }

    private func isWordBoundary(at offset: Int) -> Bool {
        offset >= bytes.count || !Self.isIdentifierByte(bytes[offset])
    }

    private mutating func append(_ kind: SelectorToken.Kind, _ value: String = "", at offset: Int) {
        tokens.append(SelectorToken(kind: kind, value: value, offset: offset))
    }

    private mutating func run() throws(SelectorParseError) -> [SelectorToken] {
        while true {
            skipBlanks()
            let start = position
            guard let c = peek() else {
                append(.end, at: position)
                return tokens
            }
            switch c {
            case UInt8(ascii: "("): position += 1; append(.leftParen, at: start)
            case UInt8(ascii: ")"): position += 1; append(.rightParen, at: start)
            case UInt8(ascii: "{"): position += 1; append(.leftBrace, at: start)
            case UInt8(ascii: "}"): position += 1; append(.rightBrace, at: start)
            case UInt8(ascii: ","): position += 1; append(.comma, at: start)
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                try readString(quote: c)
            case UInt8(ascii: "="):
                guard peek(1) == UInt8(ascii: "=") else {
                    throw fail("expected '==' (a single '=' is not an operator)", at: start)
                }
                position += 2; append(.equals, at: start)
            case UInt8(ascii: "!"):
                if peek(1) == UInt8(ascii: "=") {
                    position += 2; append(.notEquals, at: start)
                } else {
                    position += 1; append(.not, at: start)
                }
            case UInt8(ascii: "&"):
                guard peek(1) == UInt8(ascii: "&") else {
                    throw fail("expected '&&' (a single '&' is not an operator)", at: start)
                }
                position += 2; append(.and, at: start)
            case UInt8(ascii: "|"):
                guard peek(1) == UInt8(ascii: "|") else {
                    throw fail("expected '||' (a single '|' is not an operator)", at: start)
                }
                position += 2; append(.or, at: start)
            default:
                if tokens.last?.kind == .label {
                    try readOperatorAfterLabel()
                } else {
                    try readWordForm()
                }
            }
        }
    }

    private mutating func readString(quote: UInt8) throws(SelectorParseError) {
        let start = position
        var end = position + 1
        while end < bytes.count, bytes[end] != quote { end += 1 }
        guard end < bytes.count else {
            let q = quote == UInt8(ascii: "'") ? "'" : "\""
            throw fail("unterminated string: no closing \(q) (strings have no escapes)", at: start)
        }
        let value = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        position = end + 1
        append(.string, value, at: start)
    }

    /// After a label only an operator may follow: `contains`, `starts with`, `ends with`,
    /// `not in`, `in` (punctuation operators were handled already).
    private mutating func readOperatorAfterLabel() throws(SelectorParseError) {
        let start = position
        if cutWord("contains") { append(.contains, at: start); return }
        if cutWords(["starts", "with"]) { append(.startsWith, at: start); return }
        if cutWords(["ends", "with"]) { append(.endsWith, at: start); return }
        if cutWords(["not", "in"]) { append(.notIn, at: start); return }
        if cutWord("in") { append(.isIn, at: start); return }
        let label = tokens.last?.value ?? ""
        throw fail(
            "expected an operator (==, !=, in, not in, contains, starts with, ends with) after label '\(label)'",
            at: start, found: foundWord(at: start))
    }

    /// Consumes one keyword followed directly by a word boundary (`cutPrefixCheckBreak`).
    private mutating func cutWord(_ word: StaticString) -> Bool {
        guard startsWith(word, at: position), isWordBoundary(at: position + word.utf8CodeUnitCount) else {
            return false
        }
        position += word.utf8CodeUnitCount
        return true
    }

    /// Consumes `words` separated by blanks (any run, including none), then blanks, then
    /// requires a word boundary (`cutMultiWordPrefixCheckBreak`). So `a starts with b` fails
    /// here, at the operator, exactly as in Calico. Leaves the position unchanged on failure.
    private mutating func cutWords(_ words: [StaticString]) -> Bool {
        var cursor = position
        for word in words {
            guard startsWith(word, at: cursor) else { return false }
            cursor += word.utf8CodeUnitCount
            // Calico trims after every word, the last one included, before the boundary check.
            while cursor < bytes.count, Self.isBlank(bytes[cursor]) { cursor += 1 }
        }
        guard isWordBoundary(at: cursor) else { return false }
        position = cursor
        return true
    }

    /// `has(label)`, `all()`, `global()` or a label.
    private mutating func readWordForm() throws(SelectorParseError) {
        let start = position
        if startsWith("has(", at: position) {
            position += 4
            skipBlanks()
            let label = try readIdentifier(context: "inside 'has('")
            skipBlanks()
            guard peek() == UInt8(ascii: ")") else {
                throw fail("expected ')' to close 'has(\(label)'", at: position, found: found(at: position))
            }
            position += 1
            append(.has, label, at: start)
            return
        }
        if try readEmptyCall("all(", kind: .all) { return }
        if try readEmptyCall("global(", kind: .global) { return }
        let label = try readIdentifier(context: nil)
        append(.label, label, at: start)
    }

    /// `all()` / `global()`: the word and `(` together, then optional blanks, then `)`.
    private mutating func readEmptyCall(_ word: StaticString, kind: SelectorToken.Kind) throws(SelectorParseError) -> Bool {
        let start = position
        guard startsWith(word, at: position) else { return false }
        position += word.utf8CodeUnitCount
        skipBlanks()
        guard peek() == UInt8(ascii: ")") else {
            throw fail("expected ')' after '\(word)'", at: position, found: found(at: position))
        }
        position += 1
        append(kind, at: start)
        return true
    }

    private mutating func readIdentifier(context: String?) throws(SelectorParseError) -> String {
        let start = position
        var end = position
        while end < bytes.count, Self.isIdentifierByte(bytes[end]) { end += 1 }
        if end == start {
            if let context {
                throw fail("expected a label name \(context)", at: start, found: found(at: start))
            }
            throw fail("expected a label, '!', '(', 'has(', 'all()' or 'global()'", at: start, found: found(at: start))
        }
        if end - start > Self.maxLabelLength {
            throw fail(
                "label is \(end - start) characters long; the limit is \(Self.maxLabelLength)", at: start)
        }
        position = end
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The word (identifier run) at `offset`, or the character there.
    private func foundWord(at offset: Int) -> String {
        var end = offset
        while end < bytes.count, Self.isIdentifierByte(bytes[end]), end - offset < 40 { end += 1 }
        guard end > offset else { return found(at: offset) }
        return "'" + String(decoding: bytes[offset..<end], as: UTF8.self) + "'"
    }

    /// The character starting at a byte offset, quoted, for error messages.
    static func describeCharacter(at offset: Int, in bytes: [UInt8]) -> String {
        let rest = String(decoding: bytes[offset...], as: UTF8.self)
        guard let first = rest.unicodeScalars.first else { return "end of input" }
        switch first {
        case "\n": return "newline (only spaces and tabs are whitespace)"
        case "\r": return "carriage return (only spaces and tabs are whitespace)"
        default:
            if first.value < 0x20 || first.value == 0x7f {
                return "control character U+\(String(first.value, radix: 16, uppercase: true))"
            }
            return "character '\(first)'"
        }
    }
}
