// Placeholder until this command is built; replace the whole file.
enum SelectorCommand: K8sfvCommand {
    static let name = "selector"
    static let summary = "Parse and evaluate a Calico selector (not yet built)"
    static let help = "k8sfv selector: not yet built"
    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        throw UsageError("'selector' is not built yet")
    }
}
