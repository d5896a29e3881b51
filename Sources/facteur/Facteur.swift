import FacteurDaemon
import FacteurSystem
import FacteurTransport
import Foundation

/// The `facteur` executable: set malloc and initialise libcurl once, before any task, then hand over.
@main
struct Facteur {
    static func main() async {
        MemoryAllocator.configure(
            environment: ProcessInfo.processInfo.environment, processors: ProcessInfo.processInfo.activeProcessorCount)
        CurlGlobal.initialize()
        let code = await CommandLineTool.main(CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
        exit(code)
    }
}
