import Foundation
import TestSupport
import Testing

/// Config/facteur.service: hardened as the operations guide says, and valid for systemd itself.
@Suite struct SystemdUnitTests {
    static let unit = PackagePaths.root.appendingPathComponent("Config/facteur.service")

    func directives() throws -> [String: [String]] {
        var values: [String: [String]] = [:]
        for line in try String(contentsOf: Self.unit, encoding: .utf8).split(whereSeparator: \.isNewline) {
            guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { continue }
            values[String(line[..<eq]), default: []].append(String(line[line.index(after: eq)...]))
        }
        return values
    }

    @Test("the unit is hardened, restarts on failure and waits longer than a send before killing")
    func hardening() throws {
        let d = try directives()
        #expect(d["User"] == ["facteur"])
        #expect(d["ProtectSystem"] == ["strict"])
        #expect(d["ReadWritePaths"] == ["/var/lib/facteur"])
        #expect(d["NoNewPrivileges"] == ["true"])
        #expect(d["Restart"] == ["on-failure"])
        #expect(d["ExecStart"]?.first?.hasSuffix("run --config /etc/facteur/facteur.json") == true)
        let stop = Int(d["TimeoutStopSec"]?.first ?? "") ?? 0
        #expect(stop > 60, "TimeoutStopSec must exceed smtp.timeout_seconds (60 by default)")
        #expect(d["CapabilityBoundingSet"] == [""])
    }

    @Test("systemd-analyze verify accepts the unit, and its exposure score is low")
    func systemdAccepts() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else { return }  // not on this machine
        let dir = TemporaryDirectory()
        // The binary is not installed in /usr/local/bin here: point the copy at the one just built.
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
            .replacingOccurrences(of: "/usr/local/bin/facteur", with: PackagePaths.binary)
        try text.write(toFile: dir.path("facteur.service"), atomically: true, encoding: .utf8)
        let verify = try ProcessRunner.run(analyze, ["verify", dir.path("facteur.service")])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stderr.isEmpty, "\(verify.stderr)")
        let security = try ProcessRunner.run(analyze, ["security", "--offline=yes", dir.path("facteur.service")])
        let score = security.stdout.split(separator: "\n").last { $0.contains("Overall exposure level") }
            .flatMap { line in line.split(separator: " ").compactMap { Double($0) }.first }
        #expect(score.map { $0 <= 2.0 } == true, "\(security.stdout.suffix(300))")
    }
}
