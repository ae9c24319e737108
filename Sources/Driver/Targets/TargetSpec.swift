import CalcGraph

/// Which target to build, as users name it on the command line (`--target model`,
/// `--inject NAME`). A spec is a value, so a campaign can build a fresh target per
/// sequence or per worker.
public struct TargetSpec: Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case model
        case live
    }

    public var kind: Kind
    public var injections: Set<InjectedBug>

    public init(kind: Kind = .model, injections: Set<InjectedBug> = []) {
        self.kind = kind
        self.injections = injections
    }

    /// Parses `--inject` values; an unknown name is an error listing the known ones.
    public static func injections(named names: [String]) throws -> Set<InjectedBug> {
        var result: Set<InjectedBug> = []
        for name in names.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let bug = InjectedBug(rawValue: name) else {
                let known = InjectedBug.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                throw ConfigurationError("unknown injected bug '\(name)'; known: \(known)")
            }
            result.insert(bug)
        }
        return result
    }

    /// The injection names, sorted, as stored in reproducers.
    public var injectionNames: [String] { injections.map(\.rawValue).sorted() }
}
