// Placeholder until this command is built; replace the whole file.
enum ConvertCommand: K8sfvCommand {
    static let name = "convert"
    static let summary = "Convert a Kubernetes NetworkPolicy to Calico's policy (not yet built)"
    static let help = "k8sfv convert: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'convert' is not built yet")
    }
}
