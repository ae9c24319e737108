/// Every k8sfv command, in the order `k8sfv --help` lists them.
/// Add a command by writing Commands/<Name>Command.swift and listing it here.
enum CommandRegistry {
    static let all: [any K8sfvCommand.Type] = [
        SelectorCommand.self,
        ConvertCommand.self,
        OracleCommand.self,
        GenCommand.self,
        FuzzCommand.self,
        ReplayCommand.self,
        ShrinkCommand.self,
        ExportCommand.self,
        MergeCommand.self,
        BenchCommand.self,
        DecodeCommand.self,
        DataplaneDriverCommand.self,
        LiveCommand.self,
        FelixSimCommand.self,
        StandInCommand.self,
    ]

    /// Internal commands a campaign starts in child processes; runnable, not listed.
    static let hidden: [any K8sfvCommand.Type] = [
        FuzzWorkerCommand.self,
        FuzzShrinkCommand.self,
        FuzzEvalCommand.self,
    ]

    static func command(named name: String) -> (any K8sfvCommand.Type)? {
        all.first { $0.name == name } ?? hidden.first { $0.name == name }
    }
}
