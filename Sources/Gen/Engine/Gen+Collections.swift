// Collections: array(count:) and optional. Takes an element generator; gives arrays and
// optionals whose recorded form deletes cleanly. Cost: one flag choice per optional element.

extension Gen {
    /// An array with a length in `count`, Hypothesis-style: after the first `lowerBound`
    /// elements, each further element is preceded by a "one more?" flag (1 = yes, 0 = stop),
    /// and each element (with its flag) sits in its own `"element"` span inside an `"array"` span
    /// (the final "stop" flag belongs to no element span, so sorting elements never moves it).
    ///
    /// Why flags rather than drawing the length first: deleting one element's slice of choices
    /// (flag + element) leaves a valid, shorter array, so the shrinker's deletion pass removes
    /// elements without having to lower a length elsewhere in the sequence. An empty array is
    /// the single choice 0. When generating, the expected extra length is min(upper − lower, 5).
    ///
    /// `@inlinable` so the loop is specialised for the element type in the caller's module (a
    /// generic loop pays for value witnesses and metadata on every element). The spans are
    /// opened and closed by hand so no generic closure sits between the loop and the element.
    @inlinable
    public func array(count: ClosedRange<Int>) -> Gen<[Value]> {
        let minimum = max(0, count.lowerBound)
        let maximum = max(minimum, count.upperBound)
        let averageExtra = Double(min(maximum - minimum, 5))
        let continueProbability = averageExtra / (averageExtra + 1)
        return Gen<[Value]> { source in
            let arraySpan = source.openSpan("array")
            defer { source.closeSpan(arraySpan) }
            var result: [Value] = []
            result.reserveCapacity(minimum)
            while result.count < maximum {
                let elementSpan = source.openSpan("element")
                let element: Value
                do {
                    // The "stop" flag belongs to no element: its span is forgotten.
                    if result.count >= minimum, try !source.drawBool(probability: continueProbability) {
                        source.closeSpan(elementSpan)
                        source.forgetSpans(from: elementSpan)
                        break
                    }
                    element = try self.run(source)
                } catch {
                    source.closeSpan(elementSpan)
                    throw error
                }
                source.closeSpan(elementSpan)
                result.append(element)
            }
            return result
        }
    }

    /// `array(count:)` as a static, reading `Gen.array(of: g, count: 0...5)`.
    public static func array<Element>(of element: Gen<Element>, count: ClosedRange<Int>) -> Gen<[Element]>
    where Value == [Element] {
        element.array(count: count)
    }

    /// `nil` (the simpler choice) or a value, each half the time when generating.
    public var optional: Gen<Value?> {
        Gen<Value?> { source in
            try source.span("optional") {
                try source.drawBool() ? try self.run(source) : nil
            }
        }
    }
}
