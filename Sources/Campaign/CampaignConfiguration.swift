import Driver
import Foundation
import Gen
import Shrink

/// Everything that decides what a campaign does. Two campaigns with the same configuration
/// (and the same k8sfv) test the same sequences in the same order.
public struct CampaignConfiguration: Sendable {
    /// The campaign seed; sequence *i* uses `SplitMix64.derive(seed:stream:)` of it.
    public var seed: UInt64
    /// Stop after this many sequences (nil: no limit).
    public var sequenceLimit: Int?
    /// Stop after this many seconds (nil: no limit).
    public var timeLimit: Double?
    public var scale: ClusterScale
    public var target: TargetSpec
    public var properties: PropertySet
    /// Where reproducers go (`seeds/` by default).
    public var outputDirectory: URL
    /// Shrink each new failure before saving it.
    public var shrink: Bool
    public var shrinkBudget: ShrinkBudget
    /// The sequence indices this process runs: `first`, `first + stride`, ...
    /// (workers and shards take disjoint residues).
    public var firstIndex: Int
    public var stride: Int
    /// A target of the user's own (a wrapper, a patched model, a Felix in a test harness),
    /// used instead of `target`'s kind for every run, shrinking included. In-process only: a
    /// child process cannot be handed a closure.
    public var customTarget: CustomTarget? = nil

    public init(
        seed: UInt64, sequenceLimit: Int? = nil, timeLimit: Double? = nil, scale: ClusterScale = .small,
        target: TargetSpec = TargetSpec(), properties: PropertySet = .all,
        outputDirectory: URL = URL(fileURLWithPath: "seeds"), shrink: Bool = true,
        shrinkBudget: ShrinkBudget = .default, firstIndex: Int = 0, stride: Int = 1
    ) {
        self.seed = seed
        self.sequenceLimit = sequenceLimit
        self.timeLimit = timeLimit
        self.scale = scale
        self.target = target
        self.properties = properties
        self.outputDirectory = outputDirectory
        self.shrink = shrink
        self.shrinkBudget = shrinkBudget
        self.firstIndex = firstIndex
        self.stride = max(1, stride)
    }

    /// The seed of sequence `index`.
    public func sequenceSeed(_ index: Int) -> UInt64 {
        SplitMix64.derive(seed: seed, stream: UInt64(index))
    }
}

/// A user's own `Target`, named (the name goes into reproducers' `target` field) and made
/// fresh for every run.
public struct CustomTarget: Sendable {
    public var name: String
    public var make: @Sendable () throws -> any Target
    public init(name: String, make: @escaping @Sendable () throws -> any Target) {
        self.name = name
        self.make = make
    }
}
