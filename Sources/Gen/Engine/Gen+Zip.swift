// Zip: several independent generators, run left to right. Cost: the sum of their draws.
//
// The fixed arities (2 to 5) are overloads of the variadic form: overload resolution prefers
// them, and their closures build a plain tuple, where the parameter-pack version looks up the
// tuple's type metadata at run time on every draw. They are `@inlinable` so the closure is
// specialised for the parts' types in the caller's module; generic, it would still need the
// tuple's metadata to find where the second part goes.

extension Gen {
    /// The values of any number of generators, drawn in argument order:
    /// `Gen.zip(a, b)` is a `Gen<(A, B)>`, `Gen.zip(a, b, c)` a `Gen<(A, B, C)>`, and so on.
    public static func zip<each Part>(_ parts: repeat Gen<each Part>) -> Gen<(repeat each Part)>
    where Value == (repeat each Part) {
        Gen { source in (repeat try (each parts).run(source)) }
    }

    @inlinable
    public static func zip<A, B>(_ a: Gen<A>, _ b: Gen<B>) -> Gen<(A, B)> where Value == (A, B) {
        Gen { source in (try a.run(source), try b.run(source)) }
    }

    @inlinable
    public static func zip<A, B, C>(_ a: Gen<A>, _ b: Gen<B>, _ c: Gen<C>) -> Gen<(A, B, C)>
    where Value == (A, B, C) {
        Gen { source in (try a.run(source), try b.run(source), try c.run(source)) }
    }

    @inlinable
    public static func zip<A, B, C, D>(_ a: Gen<A>, _ b: Gen<B>, _ c: Gen<C>, _ d: Gen<D>) -> Gen<(A, B, C, D)>
    where Value == (A, B, C, D) {
        Gen { source in (try a.run(source), try b.run(source), try c.run(source), try d.run(source)) }
    }

    @inlinable
    public static func zip<A, B, C, D, E>(
        _ a: Gen<A>, _ b: Gen<B>, _ c: Gen<C>, _ d: Gen<D>, _ e: Gen<E>
    ) -> Gen<(A, B, C, D, E)> where Value == (A, B, C, D, E) {
        Gen { source in
            (try a.run(source), try b.run(source), try c.run(source), try d.run(source), try e.run(source))
        }
    }

    /// This value paired with another generator's.
    @inlinable
    public func zip<Other>(_ other: Gen<Other>) -> Gen<(Value, Other)> {
        Gen<(Value, Other)> { source in (try self.run(source), try other.run(source)) }
    }
}
