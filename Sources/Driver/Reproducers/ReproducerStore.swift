import Foundation

/// Writes reproducers into a directory (normally `seeds/`), each the moment it is ready,
/// atomically (write to a temporary name, then rename), so an interrupted campaign never
/// leaves a half-written file.
public struct ReproducerStore: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The path a reproducer with this id has.
    public func url(for id: String) -> URL {
        directory.appendingPathComponent("\(id).json")
    }

    /// Saves the reproducer and returns its path. An existing file with the same id holds
    /// the same scenario, so it is left as is.
    @discardableResult
    public func save(_ reproducer: Reproducer) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let target = url(for: reproducer.id)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        let temporary = directory.appendingPathComponent(".\(reproducer.id).json.tmp-\(getpid())")
        try reproducer.encoded().write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw ReproducerError("cannot write \(target.path): \(String(cString: strerror(code)))")
        }
        return target
    }

    /// Every reproducer file in the directory, sorted by name.
    public func all() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" && !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
