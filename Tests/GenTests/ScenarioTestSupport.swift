import Calico
import Foundation
@testable import Gen

// Helpers shared by the scenario tests: generating sequence i of a seed, and checking a scenario
// for validity (every object passes API validation, every write refers to live objects).

enum ScenarioTestSupport {
    static func scenario(seed: UInt64, index: Int, scale: ClusterScale = .small) throws -> Scenario {
        try ScenarioGenerators.generate(seed: seed, index: UInt64(index), scale: scale).scenario
    }

    /// Every problem with the scenario: validation errors of written objects and dangling
    /// references. Empty when the scenario is valid.
    static func problems(_ scenario: Scenario) -> [String] {
        var problems = ScenarioIntegrity.problems(in: scenario)
        var objects = scenario.initial
        for step in scenario.steps {
            for case .put(let object) in step.writes { objects.append(object) }
        }
        var seen = Set<KubeObject>()
        for object in objects where seen.insert(object).inserted {
            for error in KubeValidation.validate(object) { problems.append("\(object.ref): \(error)") }
        }
        return problems
    }

    static func json(_ scenario: Scenario) throws -> String { try scenario.jsonString() }
}
