// swift-tools-version:6.0
// k8sfv: property-based fuzz testing of Calico Felix's calculation graph, driven through
// the Kubernetes datastore. No package dependencies: the toolchain alone.
import PackageDescription

let package = Package(
    name: "k8sfv",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "k8sfv", targets: ["k8sfv"]),
        .library(name: "Calico", targets: ["Calico"]),
        .library(name: "Gen", targets: ["Gen"]),
        .library(name: "Shrink", targets: ["Shrink"]),
        .library(name: "Driver", targets: ["Driver"]),
        .library(name: "Live", targets: ["Live"]),
        .library(name: "Campaign", targets: ["Campaign"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "K8sfvTesting", targets: ["K8sfvTesting"]),
    ],
    targets: [
        // Calico semantics: Kubernetes resources, the selector language, hashing,
        // Kubernetes→Calico conversion, Felix's messages and the dataplane state they build.
        .target(name: "Calico", dependencies: ["JSONCore"]),
        // The from-scratch reference: expected dataplane state from a snapshot.
        .target(name: "Oracle", dependencies: ["Calico"]),
        // The in-process target: an incremental calculation graph, with injectable bugs.
        .target(name: "CalcGraph", dependencies: ["Calico"]),
        // Seeded, recorded generation: the engine, scenarios and the k8sfv generators.
        .target(name: "Gen", dependencies: ["Calico"], exclude: ["Engine/README.md"]),
        // Shrinking over recorded choices (step-level delta debugging is Driver's StepReducer).
        .target(name: "Shrink", dependencies: ["Gen"]),
        // One JSON value type, its deterministic writer (sorted keys) and its parser, shared by
        // the client, the stand-in and the CLI.
        .target(name: "JSONCore"),
        // Felix's dataplane-driver wire format: protobuf codec, framing, proto3 JSON.
        .target(name: "FelixWire", dependencies: ["Calico", "JSONCore"]),
        // A Kubernetes API client built on Foundation alone.
        .target(name: "KubeClient", dependencies: ["JSONCore"]),
        // A loopback stand-in for kube-apiserver, for tests and CI; depends on JSONCore only.
        .target(name: "KubeStandIn", dependencies: ["JSONCore"]),
        // The core: the Target protocol and the model target, the scenario runner, every
        // property (stream integrity's check included), failure identity, reproducer files,
        // replay and the shrinking of failing scenarios.
        .target(name: "Driver", dependencies: [
            "Calico", "Oracle", "CalcGraph", "Gen", "Shrink", "JSONCore",
        ]),
        // The live target: Felix (or felix-sim) behind a Kubernetes API server, the writers
        // that make a scenario's changes as a client would, and the export to kubectl.
        .target(name: "Live", dependencies: [
            "Driver", "Calico", "CalcGraph", "Gen", "FelixWire", "KubeClient", "JSONCore",
        ]),
        // The one campaign engine, its in-process and child-process executors, the worker
        // protocol, campaign state and merging, and the benches that run campaigns.
        .target(name: "Campaign", dependencies: [
            "Driver", "Live", "Calico", "CalcGraph", "Gen", "Shrink", "KubeStandIn", "JSONCore",
        ]),
        // The self-contained HTML report of a campaign or a bench.
        .target(name: "Reports", dependencies: ["Campaign", "Driver", "Gen"]),
        // The commands, as a library so tests can call them in-process.
        .target(name: "K8sfvCLI", dependencies: [
            "Calico", "Oracle", "CalcGraph", "Gen", "Shrink", "FelixWire", "KubeClient",
            "KubeStandIn", "Driver", "Live", "Campaign", "Reports", "JSONCore",
        ]),
        .executableTarget(name: "k8sfv", dependencies: ["K8sfvCLI"]),
        // The Swift Testing entry point users call from their own tests.
        .target(name: "K8sfvTesting", dependencies: ["Driver", "Live", "Campaign", "Gen", "Shrink"]),

        .testTarget(name: "CalicoTests", dependencies: ["Calico", "Gen"]),
        .testTarget(name: "OracleTests", dependencies: ["Calico", "Oracle"]),
        .testTarget(name: "CalcGraphTests", dependencies: ["Calico", "Oracle", "CalcGraph", "Driver", "Campaign"]),
        .testTarget(name: "GenTests", dependencies: ["Calico", "Gen"]),
        .testTarget(name: "ShrinkTests", dependencies: ["Gen", "Shrink"]),
        .testTarget(name: "FelixWireTests", dependencies: ["Calico", "FelixWire"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeStandIn"]),
        .testTarget(name: "DriverTests", dependencies: [
            "Calico", "Oracle", "CalcGraph", "Gen", "Shrink", "Driver", "Live", "Campaign", "Reports",
            "K8sfvTesting", "KubeClient", "KubeStandIn", "FelixWire",
        ]),
        .testTarget(name: "CLITests", dependencies: ["K8sfvCLI", "JSONCore", "KubeClient"]),
        .testTarget(name: "JSONCoreTests", dependencies: ["JSONCore"]),
    ],
    swiftLanguageModes: [.v6]
)
