import Driver
import Foundation
import Live

/// `k8sfv export FILE --kubectl`: a reproducer as a kubectl script for a real cluster.
enum ExportCommand: K8sfvCommand {
    static let name = "export"
    static let summary = "Export a reproducer as a kubectl script for a real cluster"
    static let about = """
        Usage: k8sfv export FILE --kubectl [--out SCRIPT]

        Writes a bash script of kubectl commands, with the manifests inline, that replays the
        reproducer's scenario step by step on the cluster of the current kubectl context
        (kubectl 1.24 or later: the script checks first). Namespaces are renamed
        k8sfv-<id>-0-<name>; every object it creates carries the label
        k8sfv.projectcalico.org/run=<id>; the script's header shows the command that removes
        them all. A file whose id is not its scenario's hash, or whose objects a real API
        server would refuse, is not exported (exit 2).
        """

    static let options: [OptionDeclaration] = [
        .flag("--kubectl", "the export format (the only one so far; required)"),
        .text("--out", "SCRIPT", "write the script there (made executable) instead of stdout"),
    ]

    static func run(_ arguments: inout Arguments, io: CommandIO) throws -> Int32 {
        let kubectl = try arguments.flag("--kubectl")
        let out = try arguments.option("--out")
        let path = arguments.positional()
        try arguments.finish()
        guard kubectl else { throw UsageError("choose a format: --kubectl") }
        let (reproducer, _) = try ReproducerLoading.load(path)
        let script: String
        do {
            script = try KubectlExport.script(for: reproducer)
        } catch let refused as KubectlExport.RefusedError {
            throw InputError("\(path ?? "the reproducer"): \(refused.message)")
        }
        if let out {
            do {
                try Data(script.utf8).write(to: URL(fileURLWithPath: out))
                chmod(out, 0o755)
            } catch {
                throw InputError("cannot write \(out): \(error.localizedDescription)")
            }
            io.print("wrote \(out)")
        } else {
            io.write(script)
        }
        return ExitCode.ok
    }
}
