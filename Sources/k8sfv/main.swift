// The `k8sfv` executable: all logic lives in K8sfvCLI so tests can call it in-process.
import K8sfvCLI
import Foundation

exit(K8sfvMain.runCommandLine())
