// Choosing among options: bool, element(of:), oneOf, frequency. Each draws one index
// (0 = the first option, the simplest) and, for generators, runs the chosen one.

extension Gen where Value == Bool {
    /// `false` is the simpler choice.
    public static var bool: Gen<Bool> { Gen { source in try source.drawBool() } }

    /// True with the given probability when generating; `false` remains the simpler choice.
    public static func bool(probability: Double) -> Gen<Bool> {
        Gen { source in try source.drawBool(probability: probability) }
    }
}

extension Gen {
    /// One of `elements`, uniformly; earlier elements are simpler. Throws `nothingToChoose` when
    /// the array is empty.
    public static func element(of elements: [Value]) -> Gen<Value> where Value: Sendable {
        Gen { source in
            guard !elements.isEmpty else {
                throw GenerationFailure(.nothingToChoose, "element(of:) was given an empty array")
            }
            return elements[Int(try source.draw(atMost: UInt64(elements.count - 1)))]
        }
    }

    /// Runs one of `generators`, uniformly; earlier generators are simpler.
    public static func oneOf(_ generators: [Gen<Value>]) -> Gen<Value> {
        frequency(generators.map { (1, $0) })
    }

    public static func oneOf(_ generators: Gen<Value>...) -> Gen<Value> { oneOf(generators) }

    /// Runs one of `choices`, picked with probability proportional to its weight when generating.
    /// The first alternative is the simplest, whatever the weights, so put the simplest first.
    /// Zero-weight alternatives are never generated but can still be reached by replay.
    public static func frequency(_ choices: [(weight: Int, generator: Gen<Value>)]) -> Gen<Value> {
        let weights = choices.map { UInt64(max(0, $0.weight)) }
        let total = weights.reduce(0, &+)
        let generators = choices.map(\.generator)
        return Gen { source in
            guard total > 0 else {
                throw GenerationFailure(.nothingToChoose, "oneOf/frequency needs at least one alternative with a positive weight")
            }
            let index = try source.draw(atMost: UInt64(generators.count - 1)) { rng in
                var ticket = rng.next(atMost: total - 1)
                for (index, weight) in weights.enumerated() {
                    if ticket < weight { return UInt64(index) }
                    ticket -= weight
                }
                return UInt64(weights.count - 1)
            }
            return try generators[Int(index)].run(source)
        }
    }

    public static func frequency(_ choices: (weight: Int, generator: Gen<Value>)...) -> Gen<Value> {
        frequency(choices)
    }
}
