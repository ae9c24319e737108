// Placeholder until this command is built; replace the whole file.
enum DecodeCommand: K8sfvCommand {
    static let name = "decode"
    static let summary = "Print a framed Felix dataplane stream as JSON lines (not yet built)"
    static let help = "k8sfv decode: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'decode' is not built yet")
    }
}
