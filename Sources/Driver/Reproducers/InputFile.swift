import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file a user named on the command line, refusing what is not one before reading a
/// byte: a missing path, a directory, a device such as /dev/zero (which would never end), or
/// a file larger than the command's documented limit. Foundation's own errors for these
/// ("error 256", "You don't have permission" as root) point nowhere near the cause; these
/// messages name the path, what was found and what was expected. Regular files and pipes
/// (`<(...)`) are read; a pipe is read up to the limit and refused past it.
public enum InputFile {
    /// The problem with an input path, as a sentence that starts with the path.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// The bytes of `path` (a `what`, e.g. "reproducer"), at most `limit` bytes.
    public static func read(_ path: String, what: String, limit: Int) throws -> Data {
        try checkReadable(path, what: what, limit: limit)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Problem("\(path): cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        return try readAll(fd, source: path, what: what, limit: limit)
    }

    /// Refuses a path that is not a regular file or a pipe, or a regular file over `limit`.
    public static func checkReadable(_ path: String, what: String, limit: Int) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw Problem("\(path): \(reason); expected a \(what) file")
        }
        let type = info.st_mode & S_IFMT
        switch type {
        case S_IFREG:
            guard Int(info.st_size) <= limit else {
                throw Problem("\(path): \(info.st_size) bytes, larger than the \(limit)-byte limit for a \(what) file")
            }
        case S_IFIFO:
            break
        case S_IFDIR:
            throw Problem("\(path): is a directory; expected a \(what) file")
        default:
            throw Problem("\(path): is \(describe(type)), not a regular file; expected a \(what) file")
        }
    }

    /// Everything on a file descriptor (standard input for '-'), at most `limit` bytes.
    public static func readAll(_ fd: Int32, source: String, what: String, limit: Int) throws -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Problem("\(source): cannot read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit {
                throw Problem("\(source): more than the \(limit)-byte limit for a \(what) file")
            }
        }
    }

    /// Refuses bytes that are not UTF-8, naming the offset of the first bad byte: a JSON file
    /// with a bad byte inside a string would otherwise be read with U+FFFD in its place.
    public static func requireUTF8(_ data: Data, source: String) throws {
        if let offset = firstInvalidUTF8(data) {
            let byte = data[data.startIndex + offset]
            throw Problem("\(source): invalid UTF-8 at byte offset \(offset) (0x\(String(byte, radix: 16))); expected UTF-8 JSON")
        }
    }

    /// The offset of the first byte that does not begin a valid UTF-8 sequence (overlong
    /// forms, surrogates and values past U+10FFFF included), or nil when all of it is UTF-8.
    /// A plain loop over the bytes: every input file passes through it.
    public static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            var index = 0
            while index < count {
                let lead = bytes[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                let length: Int
                let minimum: UInt32
                var scalar: UInt32
                if lead & 0xE0 == 0xC0 {
                    (length, minimum, scalar) = (1, 0x80, UInt32(lead & 0x1F))
                } else if lead & 0xF0 == 0xE0 {
                    (length, minimum, scalar) = (2, 0x800, UInt32(lead & 0x0F))
                } else if lead & 0xF8 == 0xF0 {
                    (length, minimum, scalar) = (3, 0x10000, UInt32(lead & 0x07))
                } else {
                    return index
                }
                if index + length >= count { return index }
                for next in 1...length {
                    let byte = bytes[index + next]
                    if byte & 0xC0 != 0x80 { return index }
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
                index += length + 1
            }
            return nil
        }
    }

    /// Checks that `path` can take a file the command will write: its directory exists and is
    /// a directory, and the path is not a directory itself. Run before work starts, so a
    /// long campaign never ends in a report it cannot write.
    public static func checkWritable(_ path: String, option: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Problem("option \(option) \(path): is a directory; give a file path")
        }
        let parent = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) else {
            throw Problem("option \(option) \(path): the directory \(parent) does not exist; create it first")
        }
        guard isDirectory.boolValue else {
            throw Problem("option \(option) \(path): \(parent) is not a directory")
        }
        guard access(parent, W_OK) == 0 else {
            throw Problem("option \(option) \(path): the directory \(parent) is not writable")
        }
    }

    /// Checks that `path` is, or can become, a directory the command writes into.
    public static func checkDirectory(_ path: String, option: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Problem("option \(option) \(path): is a file, not a directory; give a directory")
            }
            guard access(path, W_OK) == 0 else { throw Problem("option \(option) \(path): the directory is not writable") }
            return
        }
        // The nearest existing ancestor must be a writable directory.
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
            let up = ancestor.deletingLastPathComponent()
            if up.path == ancestor.path { break }
            ancestor = up
        }
        guard isDirectory.boolValue else {
            throw Problem("option \(option) \(path): \(ancestor.path) is a file, so the directory cannot be created")
        }
        guard access(ancestor.path, W_OK) == 0 else {
            throw Problem("option \(option) \(path): \(ancestor.path) is not writable, so the directory cannot be created")
        }
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    private static func describe(_ type: mode_t) -> String {
        switch type {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "a special file"
        }
    }
}
