import Foundation
import TestSupport
import Testing

/// What a Debian administrator expects: `--version`, facteur(1), and a .deb built from the repository.
@Suite struct PackagingTests {
    @Test("Scripts/package-deb builds a .deb with the binary, the unit, the example, the templates and facteur(1)")
    func deb() throws {
        let dir = TemporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["FACTEUR_BINARY"] = PackagePaths.binary
        let built = try ProcessRunner.run(
            PackagePaths.scripts.appendingPathComponent("package-deb").path, [dir.url.path], environment: environment)
        #expect(built.status == 0, "\(built.stderr)")
        let deb = built.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(deb.hasSuffix(".deb"))
        let contents = try ProcessRunner.run("/usr/bin/dpkg-deb", ["--contents", deb]).stdout
        for path in [
            "./usr/bin/facteur", "./lib/systemd/system/facteur.service", "./usr/share/man/man1/facteur.1.gz",
            "./usr/share/doc/facteur/examples/facteur.json", "./usr/share/facteur/Templates/fr/digest.txt",
        ] {
            #expect(contents.contains(path), "\(path) missing")
        }
        let version = try ProcessRunner.run(PackagePaths.binary, ["--version"]).stdout
        let control = try ProcessRunner.run("/usr/bin/dpkg-deb", ["-f", deb, "Version"]).stdout
        #expect(version == "facteur \(control)", "\(version) vs \(control)")
        // The unit in the package starts the packaged binary.
        let unpacked = dir.path("root")
        _ = try ProcessRunner.run("/usr/bin/dpkg-deb", ["-x", deb, unpacked])
        let unit = try String(contentsOfFile: unpacked + "/lib/systemd/system/facteur.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=/usr/bin/facteur run") && !unit.contains("/usr/local/bin"))
        // facteur(1) has a section for every command, from the --help texts.
        let man = try ProcessRunner.run("/bin/sh", ["-c", "zcat \(unpacked)/usr/share/man/man1/facteur.1.gz"]).stdout
        for command in ["init", "run", "once", "import", "relay", "cgi", "resume"] {
            #expect(man.contains(".SS \(command)\n"), "\(command) missing from facteur(1)")
        }
    }
}
