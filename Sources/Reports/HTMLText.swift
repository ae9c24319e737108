import Foundation

// Text helpers for the HTML report: escaping (every user-controlled string goes through
// `escape`, so a label such as `<script>` is shown, never run) and locale-free number
// formatting (the same summary must give the same bytes on every machine).

/// Escaping and number formatting for reports.
public enum HTMLText {
    /// Escapes `& < > " '` so the text is safe in element content and in quoted attributes.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole number with thousands separators: 1234567 → "1,234,567".
    public static func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// A number with a fixed count of decimals ("12.35"), POSIX formatting.
    public static func decimal(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(max(0, min(digits, 9)))f", value)
    }

    /// A short human form: 0.5, 12, 1.2k, 3.4M — for axis ticks and bar labels.
    public static func compact(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1_000_000_000 { return trim(value / 1_000_000_000) + "G" }
        if magnitude >= 1_000_000 { return trim(value / 1_000_000) + "M" }
        if magnitude >= 10_000 { return trim(value / 1_000) + "k" }
        if magnitude == magnitude.rounded() { return String(Int(value)) }
        return trim(value)
    }

    /// Up to two decimals, trailing zeros dropped.
    private static func trim(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Seconds in a readable unit: "850 ms", "12.3 s", "4 min 05 s", "1 h 02 min".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return decimal(seconds, 1) + " s" }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return "\(whole / 60) min " + String(format: "%02d", whole % 60) + " s" }
        return "\(whole / 3600) h " + String(format: "%02d", (whole % 3600) / 60) + " min"
    }
}
