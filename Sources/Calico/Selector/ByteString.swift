// Byte-exact string comparisons for the selector language.
// Swift's `String ==` and `hasPrefix` use Unicode canonical equivalence; Go compares bytes.
// A selector value such as "é" (precomposed) must not match the decomposed spelling, so every
// value comparison goes through the UTF-8 bytes. Cost: O(length), no allocation.

@usableFromInline
enum ByteString {
    /// True when `a` and `b` have identical UTF-8 bytes.
    @inlinable
    static func equal(_ a: String, _ b: String) -> Bool {
        let left = a.utf8, right = b.utf8
        guard left.count == right.count else { return false }
        return left.elementsEqual(right)
    }

    /// True when `text` starts with the bytes of `prefix`.
    @inlinable
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        let whole = text.utf8, part = prefix.utf8
        guard part.count <= whole.count else { return false }
        return whole.prefix(part.count).elementsEqual(part)
    }

    /// True when `text` ends with the bytes of `suffix`.
    @inlinable
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let whole = text.utf8, part = suffix.utf8
        guard part.count <= whole.count else { return false }
        return whole.suffix(part.count).elementsEqual(part)
    }

    /// True when the bytes of `needle` occur in `text` (Go's `strings.Contains`; "" is in everything).
    @inlinable
    static func contains(_ text: String, _ needle: String) -> Bool {
        let needleCount = needle.utf8.count
        if needleCount == 0 { return true }
        let found: Bool? = text.utf8.withContiguousStorageIfAvailable { hay in
            needle.utf8.withContiguousStorageIfAvailable { pin in
                search(hay, pin)
            } ?? search(hay, Array(needle.utf8))
        }
        if let found { return found }
        return search(Array(text.utf8), Array(needle.utf8))
    }

    @inlinable
    static func search<H: RandomAccessCollection, N: RandomAccessCollection>(_ hay: H, _ pin: N) -> Bool
    where H.Element == UInt8, N.Element == UInt8, H.Index == Int, N.Index == Int {
        let hayCount = hay.count, pinCount = pin.count
        guard pinCount <= hayCount else { return false }
        let first = pin[pin.startIndex]
        var start = hay.startIndex
        let last = hay.startIndex + (hayCount - pinCount)
        while start <= last {
            if hay[start] == first {
                var offset = 1
                while offset < pinCount, hay[start + offset] == pin[pin.startIndex + offset] { offset += 1 }
                if offset == pinCount { return true }
            }
            start += 1
        }
        return false
    }

    /// Byte-order "less than" (Go's string `<`), for sorting set literals.
    @inlinable
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// True when `value` is in `sortedValues` (sorted by `less`, no duplicates).
    @inlinable
    static func sortedContains(_ sortedValues: [String], _ value: String) -> Bool {
        if sortedValues.count <= 8 {
            for candidate in sortedValues where equal(candidate, value) { return true }
            return false
        }
        var low = 0, high = sortedValues.count
        while low < high {
            let mid = (low + high) / 2
            if less(sortedValues[mid], value) { low = mid + 1 } else { high = mid }
        }
        return low < sortedValues.count && equal(sortedValues[low], value)
    }

    /// Sorted by bytes, byte-equal duplicates removed (Calico's `ConvertToStringSetInPlace`).
    static func sortedUnique(_ values: [String]) -> [String] {
        let sorted = values.sorted(by: less)
        var out: [String] = []
        out.reserveCapacity(sorted.count)
        for value in sorted where !(out.last.map { equal($0, value) } ?? false) { out.append(value) }
        return out
    }

    /// Every non-overlapping occurrence of `target`'s bytes in `text`, left to right, replaced
    /// by `replacement` (Go's `strings.Replace(text, target, replacement, -1)` for a non-empty
    /// target). Works on UTF-8 bytes, with none of Foundation's Unicode-aware searching.
    static func replacing(_ text: String, _ target: String, with replacement: String) -> String {
        let hay = Array(text.utf8), pin = Array(target.utf8)
        guard !pin.isEmpty, pin.count <= hay.count else { return text }
        var out: [UInt8] = []
        var start = 0, copied = 0
        let last = hay.count - pin.count
        while start <= last {
            if hay[start] == pin[0] && hay[start..<(start + pin.count)].elementsEqual(pin) {
                if out.isEmpty { out.reserveCapacity(hay.count + 16) }
                out.append(contentsOf: hay[copied..<start])
                out.append(contentsOf: replacement.utf8)
                start += pin.count
                copied = start
            } else {
                start += 1
            }
        }
        if copied == 0 { return text }
        out.append(contentsOf: hay[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
