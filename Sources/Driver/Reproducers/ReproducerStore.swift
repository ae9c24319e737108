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
        // The id becomes a file name: only the hash shape is ever used, whatever a file said.
        guard Reproducer.isWellFormedID(reproducer.id) else {
            throw ReproducerError("refusing to save a reproducer whose id \(reproducer.id.debugDescription.prefix(80)) is not 12 lowercase hex digits")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ReproducerError("\(directory.path): cannot create the directory (\(error.localizedDescription))")
        }
        let target = url(for: reproducer.id)
        if FileManager.default.fileExists(atPath: target.path) { return target }
        let temporary = directory.appendingPathComponent(".\(reproducer.id).json.tmp-\(getpid())")
        do {
            try reproducer.encoded().write(to: temporary)
        } catch {
            throw ReproducerError("\(temporary.path): cannot write (\(error.localizedDescription))")
        }
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
