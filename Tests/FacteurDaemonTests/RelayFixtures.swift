import Foundation
import TestSupport

extension Harness {
    /// Contract 1 (Légumes, producer Julie) gets the relay address legumes@lilas.example.org and
    /// coordinator Hélène; Julie gets an address.
    /// Relay tests run every command at `relayNow` (relay receive stamps messages with it); the sample
    /// distribution moves out of the way unless a test needs it.
    func seedRelay(keepDistribution: Bool = false) throws {
        if !keepDistribution {
            try sql("UPDATE distribution SET starts_at = '2030-01-10 18:30', ends_at = '2030-01-10 20:00'")
        }
        try sql(
            """
            UPDATE contract SET relay_address = 'legumes@lilas.example.org', coordinator_id = 2 WHERE id = 1;
            UPDATE producer SET email = 'julie@ferme-du-pre.example.net' WHERE id = 1;
            """)
    }

    /// The instant relay tests live at: before the sample distribution's announcement is due and long
    /// before the contracts end, whatever today's date.
    static let relayNow = "2026-11-20 10:00"

    /// A tick at `relayNow`.
    func onceNow() throws -> ProcessOutput { try facteur("once", "--now", Harness.relayNow) }

    func relayReceive(
        _ message: String, recipient: String? = "legumes@lilas.example.org", now: String = Harness.relayNow
    ) throws -> ProcessOutput {
        var args = ["relay", "receive", "--config", configPath, "--now", now]
        if let recipient { args += ["--recipient", recipient] }
        return try ProcessRunner.run(PackagePaths.binary, args, stdin: Data(message.utf8))
    }
}

enum RelayFixtures {
    /// A small PDF, as bytes: its base64 must arrive decoded identically at every subscriber.
    static let pdf: [UInt8] =
        Array("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n".utf8)
        + (0..<300).map { UInt8($0 % 256) }

    static func producerNews(
        from: String = "Julie Martin <julie@ferme-du-pre.example.net>", extraHeaders: String = "",
        id: String = "news-1@ferme-du-pre.example.net"
    ) -> String {
        let b64 = Data(pdf).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        return """
            Received: from mx.example.org by mx.lilas.example.org; Mon, 23 Nov 2026 10:00:00 +0100\r
            DKIM-Signature: v=1; a=rsa-sha256; d=ferme-du-pre.example.net; s=s1; b=abc\r
            Return-Path: <julie@ferme-du-pre.example.net>\r
            From: \(from)\r
            To: legumes@lilas.example.org\r
            Cc: voisin@example.com\r
            Subject: =?UTF-8?Q?Nouvelles_de_la_ferme_=E2=80=93_courges?=\r
            Date: Mon, 23 Nov 2026 10:00:00 +0100\r
            Message-ID: <\(id)>\r
            MIME-Version: 1.0\r
            \(extraHeaders)Content-Type: multipart/mixed; boundary="XYZ"\r
            \r
            --XYZ\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: 8bit\r
            \r
            Bonjour à tous, les courges arrivent !\r
            .ligne qui commence par un point\r
            --XYZ\r
            Content-Type: application/pdf; name="bon-de-commande.pdf"\r
            Content-Transfer-Encoding: base64\r
            Content-Disposition: attachment; filename="bon-de-commande.pdf"\r
            \r
            \(b64)\r
            --XYZ--\r

            """
    }

    static func plain(from: String, subject: String, id: String, extraHeaders: String = "") -> String {
        """
        From: \(from)\r
        To: legumes@lilas.example.org\r
        Subject: \(subject)\r
        Date: Mon, 23 Nov 2026 10:00:00 +0100\r
        Message-ID: <\(id)>\r
        \(extraHeaders)Content-Type: text/plain; charset=UTF-8\r
        \r
        Bonjour, une question sur le panier de jeudi.\r

        """
    }
}
