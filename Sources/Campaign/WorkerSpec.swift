import Calico
import Driver
import Foundation
import Gen
import Shrink

// What a child process of a campaign needs to know, as one JSON argument. The parent and its
// children are the same k8sfv binary, so they share this type; a child never parses the
// user's command line again. Workers get `first`/`stride`/`start`/`count`; shrinkers and
// evaluators use only the common part.

/// The campaign configuration a child process runs with.
public struct WorkerSpec: Codable, Hashable, Sendable {
    public var seed: UInt64
    public var scale: String
    public var target: String
    public var injections: [String]
    public var properties: [String]
    public var outputDirectory: String
    /// False with `--no-shrink`: failures are saved as generated.
    public var shrink: Bool
    public var shrinkEvaluations: Int
    public var shrinkSeconds: Double
    /// This worker's residue: indices first, first+stride, ...
    public var first: Int
    public var stride: Int
    /// Where to begin (≥ first, on the residue): a restarted or resumed worker skips ahead.
    public var start: Int
    /// How many sequences to run from `start` (nil: until the deadline or a stop).
    public var count: Int?
    /// Seconds to run for (nil: no time limit).
    public var seconds: Double?

    public init(configuration: CampaignConfiguration, start: Int? = nil, count: Int? = nil, seconds: Double? = nil) {
        seed = configuration.seed
        scale = configuration.scale.rawValue
        target = configuration.target.kind.rawValue
        injections = configuration.target.injectionNames
        properties = configuration.properties.enabled.map(\.rawValue).sorted()
        outputDirectory = configuration.outputDirectory.path
        shrink = configuration.shrink
        shrinkEvaluations = configuration.shrinkBudget.maxEvaluations
        shrinkSeconds = configuration.shrinkBudget.maxSeconds
        first = configuration.firstIndex
        stride = configuration.stride
        self.start = start ?? configuration.firstIndex
        self.count = count
        self.seconds = seconds
    }

    /// The configuration this spec describes; throws when a name is unknown to this k8sfv.
    public func configuration() throws -> CampaignConfiguration {
        guard let scale = ClusterScale(rawValue: scale) else { throw ConfigurationError("unknown scale '\(self.scale)'") }
        guard let kind = TargetSpec.Kind(rawValue: target) else { throw ConfigurationError("unknown target '\(target)'") }
        var enabled: Set<PropertyName> = []
        for name in properties {
            guard let property = PropertyName(rawValue: name) else { throw ConfigurationError("unknown property '\(name)'") }
            enabled.insert(property)
        }
        return CampaignConfiguration(
            seed: seed, sequenceLimit: count, timeLimit: seconds, scale: scale,
            target: TargetSpec(kind: kind, injections: try TargetSpec.injections(named: injections)),
            properties: PropertySet(enabled), outputDirectory: URL(fileURLWithPath: outputDirectory), shrink: shrink,
            shrinkBudget: ShrinkBudget(maxEvaluations: shrinkEvaluations, maxSeconds: shrinkSeconds),
            firstIndex: first, stride: stride)
    }

    /// The spec as one command-line argument.
    public func encodedArgument() -> String {
        (try? KubeJSON.encodeString(self)) ?? "{}"
    }

    public static func decode(argument: String) throws -> WorkerSpec {
        do {
            return try JSONDecoder().decode(WorkerSpec.self, from: Data(argument.utf8))
        } catch {
            throw ConfigurationError("invalid worker spec: \(JSONErrorDescription.describe(error))")
        }
    }
}

