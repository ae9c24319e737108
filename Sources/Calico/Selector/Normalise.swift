// Calico's `selector.Normalise` and `selector.NoMatch`.
// Source: projectcalico/calico:libcalico-go/lib/selector/selector.go.

extension Selector {
    /// `!all()`: Calico's pre-parsed selector that matches nothing.
    public static let noMatch = Selector(.not(.all))

    /// Calico's `Normalise`: trims Unicode whitespace from both ends (Go's `strings.TrimSpace`),
    /// then returns the canonical text; if that does not parse, the trimmed text (spec §0 C4).
    public static func normalise(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return Selector.all.canonical }
        let trimmed = String(scalars[first...last])
        guard let selector = try? Selector(parsing: trimmed) else { return trimmed }
        return selector.canonical
    }
}
