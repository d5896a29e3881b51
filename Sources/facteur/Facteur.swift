import FacteurDaemon
import FacteurTransport
import Foundation

/// The `facteur` executable: initialise libcurl once, before any task, then hand over.
@main
struct Facteur {
    static func main() async {
        CurlGlobal.initialize()
        let code = await CommandLineTool.main(CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
        exit(code)
    }
}
