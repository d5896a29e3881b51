@preconcurrency import Dispatch
import Foundation

/// SIGTERM and SIGINT as an async sequence (as swift-service-lifecycle's UnixSignalsSequence does):
/// the default handlers are ignored so the daemon can finish the message in flight.
enum SignalWatcher {
    static func termination() -> AsyncStream<Int32> {
        AsyncStream { continuation in
            let queue = DispatchQueue(label: "facteur.signals")
            var sources: [DispatchSourceSignal] = []
            for sig in [SIGTERM, SIGINT] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler { continuation.yield(sig) }
                source.resume()
                sources.append(source)
            }
            let keep = sources
            continuation.onTermination = { _ in keep.forEach { $0.cancel() } }
        }
    }
}
