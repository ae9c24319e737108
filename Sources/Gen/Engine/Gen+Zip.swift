// Zip: several independent generators, run left to right. Cost: the sum of their draws.

extension Gen {
    /// The values of any number of generators, drawn in argument order:
    /// `Gen.zip(a, b)` is a `Gen<(A, B)>`, `Gen.zip(a, b, c)` a `Gen<(A, B, C)>`, and so on.
    public static func zip<each Part>(_ parts: repeat Gen<each Part>) -> Gen<(repeat each Part)>
    where Value == (repeat each Part) {
        Gen { source in (repeat try (each parts).run(source)) }
    }

    /// This value paired with another generator's.
    public func zip<Other>(_ other: Gen<Other>) -> Gen<(Value, Other)> {
        Gen<(Value, Other)> { source in (try self.run(source), try other.run(source)) }
    }
}
