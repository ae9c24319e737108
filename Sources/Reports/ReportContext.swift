import Foundation

/// What a report shows besides the summary: facts the summary does not carry.
public struct ReportContext: Hashable, Sendable {
    /// The target the campaign ran against (`model`, `live`).
    public var target: String
    /// The injected bugs switched on, by name.
    public var injections: [String]
    /// The cluster scale (`small`, `seed`), when known.
    public var scale: String?
    /// The command line that ran the campaign, shown so the run can be repeated.
    public var command: String?
    /// The directory the report file is written to: reproducer links are made relative to it,
    /// so the report and `seeds/` can be moved together. Nil: paths are linked as given.
    public var reportDirectory: String?

    public init(
        target: String = "model", injections: [String] = [], scale: String? = nil, command: String? = nil,
        reportDirectory: String? = nil
    ) {
        self.target = target
        self.injections = injections.sorted()
        self.scale = scale
        self.command = command
        self.reportDirectory = reportDirectory
    }
}

/// Relative paths between places on disk, computed from the text of the paths.
public enum RelativePath {
    /// `path` as seen from `directory` (both relative paths are taken from `base`).
    /// "seeds/a.json" from "out" is "../seeds/a.json".
    public static func from(directory: String, to path: String, base: String = FileManager.default.currentDirectoryPath) -> String {
        let target = components(path, base: base)
        let from = components(directory, base: base)
        var common = 0
        while common < min(target.count, from.count), target[common] == from[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let rest = Array(target[common...])
        let joined = (ups + rest).joined(separator: "/")
        return joined.isEmpty ? "." : joined
    }

    /// Absolute, normalised components (".", ".." and empty parts resolved).
    static func components(_ path: String, base: String) -> [String] {
        let full = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [String] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(String(part))
        }
        return parts
    }
}
