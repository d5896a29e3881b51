import Foundation

/// A fresh directory per test, removed when the value is released.
public final class TemporaryDirectory: @unchecked Sendable {
    // Safe because: `url` is immutable and the directory is only removed in deinit.
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("facteur-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
