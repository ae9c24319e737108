import Driver
import Foundation

/// The input side of the file-taking commands (convert, selector, oracle, decode): a file or
/// '-' for standard input, read up to a documented limit, and text that must be UTF-8. A
/// byte that is not UTF-8 is refused with its line and byte offset rather than replaced
/// with U+FFFD, which would quietly give an answer (an IP set ID) for a different input.
enum TextInput {
    /// The bytes of `path` ('-': standard input), at most `limit`; an `InputError` otherwise.
    static func read(_ path: String, what: String, limit: Int) throws -> Data {
        do {
            if path == "-" { return try InputFile.readAll(0, source: "standard input", what: what, limit: limit) }
            return try InputFile.read(path, what: what, limit: limit)
        } catch let error as InputFile.Problem {
            throw InputError(error.message)
        }
    }

    /// The non-blank lines of `data`, numbered from 1, without their line ending.
    static func lines(of data: Data) -> [(number: Int, bytes: Data)] {
        var result: [(Int, Data)] = []
        var number = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            result.append((number, Data(line)))
        }
        return result
    }

    /// The offset of the first byte that is not part of valid UTF-8, or nil when all is.
    static func firstInvalidUTF8(_ bytes: Data) -> Int? { InputFile.firstInvalidUTF8(bytes) }

    /// `bytes` as a String, or a message naming the byte offset of the first bad byte.
    static func utf8(_ bytes: Data) -> Result<String, InputError> {
        if let offset = firstInvalidUTF8(bytes) {
            let byte = bytes[bytes.startIndex + offset]
            return .failure(InputError("invalid UTF-8 at byte offset \(offset) (0x\(String(byte, radix: 16))); expected UTF-8 text"))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}
