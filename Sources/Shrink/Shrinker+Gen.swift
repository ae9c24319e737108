// Convenience: shrink a generator's value against a property, building the test function
// (replay → property → outcome) for the caller.
import Gen

extension Shrinker {
    /// A test function that replays `generator` on a candidate and asks `property` for the
    /// failure signature (nil = the property held). Generation failures count as invalid.
    public static func testFunction<Value>(
        _ generator: Gen<Value>, property: @escaping (Value) -> Signature?
    ) -> TestFunction {
        return { candidate in
            let source = ChoiceSource(replaying: candidate)
            guard let value = try? generator.run(source) else { return .invalid(source.recording) }
            if let signature = property(value) { return .failed(signature, source.recording) }
            return .passed(source.recording)
        }
    }

    /// A shrinker for `generator` + `property`.
    public convenience init<Value>(_ generator: Gen<Value>, budget: ShrinkBudget = .default,
                                   passes: [any ShrinkPass] = ShrinkPasses.standard,
                                   schedule: ShrinkSchedule = .adaptive,
                                   property: @escaping (Value) -> Signature?) {
        self.init(budget: budget, passes: passes, schedule: schedule,
                  test: Shrinker.testFunction(generator, property: property))
    }
}
