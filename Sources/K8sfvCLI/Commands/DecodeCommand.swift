// `k8sfv decode`: prints a framed Felix → driver stream (what `dataplane-driver --record`
// writes) as proto3 canonical JSON, one line per message.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Driver
import FelixWire

enum DecodeCommand: K8sfvCommand {
    static let name = "decode"
    static let summary = "Print a framed Felix dataplane stream as JSON lines"
    static let about = """
        Usage: k8sfv decode [FILE|-]

        Reads a stream of ToDataplane messages, each framed as an 8-byte little-endian length
        and the protobuf bytes (what Felix writes to its dataplane driver, and what
        'k8sfv dataplane-driver --record FILE' saves), and prints one line of proto3 canonical
        JSON per message, e.g. {"sequenceNumber":"3","ipsetUpdate":{"id":"s:...","members":[...]}}.

        Arguments:
          FILE|-   the stream to read (default: -, standard input)
        """

    static let options: [OptionDeclaration] = []

    static let notes = """
        A truncated or corrupt stream prints every message before the damage, then an error
        naming the byte offset (exit 2).
        """

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let path = arguments.positional() ?? "-"
        try arguments.finish()
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            // A directory or a device (/dev/zero: an endless run of empty frames) is refused
            // before a byte is read; a regular file or a pipe is streamed.
            do {
                try InputFile.checkReadable(path, what: "framed dataplane stream", limit: Int.max)
            } catch let error as InputFile.Problem {
                throw InputError(error.message)
            }
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw InputError("cannot open '\(path)': \(SystemCallError("open").description)")
            }
        }
        defer { if fd != 0 { close(fd) } }
        let source = path == "-" ? "standard input" : path
        var reader = FrameReader(fileDescriptor: fd)
        do {
            while let frame = try reader.next() {
                do {
                    io.print(try frame.toDataplaneJSON())
                } catch {
                    throw FrameReadError.malformed(error)
                }
            }
        } catch {
            throw InputError("\(source): \(error)")
        }
        return ExitCode.ok
    }
}
