// The name and label syntax checks the API server applies, returning its reason strings.
// Takes: a string. Gives: the reasons it is invalid (empty = valid). Cost: linear in its length.
// Source: kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go
// (IsDNS1123Label, IsDNS1123Subdomain, IsValidPortName, IsValidPortNum, RegexError, MaxLenError)
// and staging/src/k8s.io/apimachinery/pkg/api/validate/content (IsLabelKey, IsLabelValue).

/// Syntax checks for names, label keys and values, and port names.
enum NameRules {
    static let dns1123LabelMaxLength = 63
    static let dns1123SubdomainMaxLength = 253
    static let labelValueMaxLength = 63
    static let qualifiedNameMaxLength = 63
    static let portNameMaxLength = 15

    static let dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
    static let dns1123SubdomainFormat = dns1123LabelFormat + "(\\." + dns1123LabelFormat + ")*"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let labelValueFormat = "(" + qualifiedNameFormat + ")?"

    /// A DNS-1123 label: namespace names, container names. At most 63 characters.
    static func dns1123Label(_ value: String) -> [String] {
        var reasons: [String] = []
        if value.utf8.count > dns1123LabelMaxLength { reasons.append(maxLength(dns1123LabelMaxLength)) }
        if !isLabelShaped(Substring(value)) {
            if isSubdomainShaped(value) {
                reasons.append("must not contain dots")
            } else {
                reasons.append(regexError(
                    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                    dns1123LabelFormat, examples: ["my-name", "123-abc"]))
            }
        }
        return reasons
    }

    /// A DNS-1123 subdomain: pod, node, NetworkPolicy and service-account names, label-key
    /// prefixes. At most 253 characters.
    static func dns1123Subdomain(_ value: String) -> [String] {
        var reasons: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength { reasons.append(maxLength(dns1123SubdomainMaxLength)) }
        if !isSubdomainShaped(value) {
            reasons.append(regexError(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
                dns1123SubdomainFormat, examples: ["example.com"]))
        }
        return reasons
    }

    /// A label key (a "qualified name"): optional DNS-subdomain prefix and `/`, then a name
    /// of at most 63 characters.
    static func labelKey(_ value: String) -> [String] {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        var reasons: [String] = []
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                reasons.append("prefix part must be non-empty")
            } else {
                reasons += dns1123Subdomain(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name " + regexError(
                "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"])
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            reasons.append("name part must be non-empty")
        } else if name.utf8.count > qualifiedNameMaxLength {
            reasons.append("name part " + maxLength(qualifiedNameMaxLength))
        }
        if !isQualifiedNameShaped(name) {
            reasons.append("name part " + regexError(
                "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                qualifiedNameFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return reasons
    }

    /// A label value: empty, or at most 63 characters of the qualified-name shape.
    static func labelValue(_ value: String) -> [String] {
        var reasons: [String] = []
        if value.utf8.count > labelValueMaxLength { reasons.append(maxLength(labelValueMaxLength)) }
        if !value.isEmpty && !isQualifiedNameShaped(Substring(value)) {
            reasons.append(regexError(
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                labelValueFormat, examples: ["MyValue", "my_value", "12345"]))
        }
        return reasons
    }

    /// An IANA_SVC_NAME (a named port): ≤ 15 characters of `[-a-z0-9]`, at least one letter,
    /// no leading, trailing or doubled `-`.
    static func portName(_ value: String) -> [String] {
        var reasons: [String] = []
        if value.utf8.count > portNameMaxLength { reasons.append(maxLength(portNameMaxLength)) }
        if value.isEmpty || !value.utf8.allSatisfy({ isLowerAlnum($0) || $0 == UInt8(ascii: "-") }) {
            reasons.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
        }
        if !value.utf8.contains(where: { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
            reasons.append("must contain at least one letter (a-z)")
        }
        if value.contains("--") { reasons.append("must not contain consecutive hyphens") }
        if value.hasPrefix("-") || value.hasSuffix("-") { reasons.append("must not begin or end with a hyphen") }
        return reasons
    }

    /// A port number: 1 to 65535.
    static func portNumber(_ value: Int) -> [String] {
        (1...65535).contains(value) ? [] : [inclusiveRange(1, 65535)]
    }

    static func maxLength(_ limit: Int) -> String { "must be no more than \(limit) characters" }

    static func inclusiveRange(_ low: Int, _ high: Int) -> String { "must be between \(low) and \(high), inclusive" }

    /// The API server's regex explanation: `<msg> (e.g. 'a',  or 'b', regex used for validation is '<fmt>')`.
    static func regexError(_ message: String, _ format: String, examples: [String]) -> String {
        let shown = examples.map { "'\($0)'" }.joined(separator: ",  or ")
        return "\(message) (e.g. \(shown), regex used for validation is '\(format)')"
    }

    // MARK: shapes

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
    private static func isLabelShaped(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last, isLowerAlnum(first), isLowerAlnum(last) else {
            return false
        }
        return bytes.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// Labels joined by dots.
    private static func isSubdomainShaped(_ value: String) -> Bool {
        value.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isLabelShaped)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNameShaped(_ value: Substring) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
        }
    }
}
