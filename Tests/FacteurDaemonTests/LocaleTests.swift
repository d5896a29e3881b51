import Foundation
import TestSupport
import Testing

/// `locale` selects the template set; `check` validates every set present.
@Suite struct LocaleTests {
    @Test("locale en_GB sends the English announcement; check validates both template sets")
    func english() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url, topConfig: "\"locale\": \"en_GB\",")
        let result = try h.once("2026-11-24 18:30")
        #expect(result.status == 0, "\(result.stderr)")
        let parsed = try EmailChecker.parse(files: server.messageFiles)
        #expect(parsed.count == 3)
        #expect(parsed.allSatisfy { $0.header("Subject")?.hasPrefix("Distribution on Thursday 26 November") == true })
        #expect(parsed.allSatisfy { $0.text?.contains("You will receive") == true })
        let check = try h.facteur("check", "--offline", "--now", "2026-11-24 18:31")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("/en ok (in use)"))
        #expect(check.stdout.contains("/fr ok"))
    }
}
