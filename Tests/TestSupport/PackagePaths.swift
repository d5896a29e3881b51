import Foundation

/// Where the package's files and the built `facteur` binary are.
public enum PackagePaths {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static var templates: String { root.appendingPathComponent("Templates").path }
    public static var scripts: URL { root.appendingPathComponent("Scripts") }
    public static var support: URL { root.appendingPathComponent("Tests/Support") }

    /// The debug `facteur` binary built next to the tests.
    public static var binary: String {
        let candidates = [
            ".build/debug/facteur", ".build/x86_64-unknown-linux-gnu/debug/facteur",
            ".build/aarch64-unknown-linux-gnu/debug/facteur",
        ]
        for c in candidates {
            let p = root.appendingPathComponent(c).path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return root.appendingPathComponent(candidates[0]).path
    }
}
