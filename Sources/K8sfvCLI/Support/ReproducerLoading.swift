import CalcGraph
import Driver
import Foundation

/// Shared by replay, shrink and export: read a reproducer file or fail with exit 2.
enum ReproducerLoading {
    static func load(_ path: String?) throws -> (Reproducer, URL) {
        guard let path else { throw UsageError("give the reproducer file, e.g. seeds/3f2a9c81d0e4.json") }
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError("\(path): no such file")
        }
        do {
            return (try Reproducer.load(from: url), url)
        } catch let error as ReproducerError {
            throw InputError(error.message)
        }
    }

    /// The injected bugs a reproducer names, checked against this k8sfv's list.
    static func injections(of reproducer: Reproducer, source: String) throws -> Set<InjectedBug> {
        do {
            return try TargetSpec.injections(named: reproducer.injectedBugs)
        } catch let error as ConfigurationError {
            throw InputError("\(source): injectedBugs: \(error.message)")
        }
    }
}
