import Foundation
import TestSupport

extension Harness {
    /// Bread contract 3 (coordinator Hélène, member 2) from the Fournil (which has an address), members 1
    /// and 3 subscribed, and order window 5 open from Monday 23 Nov 09:00 to Wednesday 25 Nov 20:00 for
    /// distribution 42.
    func seedOrders() throws {
        try sql(
            """
            INSERT INTO producer (id, name, farm, email) VALUES (3, 'Fournil Saint-Jean', 'Fournil', 'pain@fournil.example.net');
            INSERT INTO contract (id, amap_id, producer_id, name, starts_on, ends_on, coordinator_id, order_url) VALUES
              (3, 1, 3, 'Pain', '2026-09-01', '2027-02-28', 2, 'https://lilas.example.org/pain');
            INSERT INTO subscription VALUES (1, 3), (3, 3);
            INSERT INTO order_window (id, contract_id, opens_at, closes_at, distribution_id, unavailable, notes) VALUES
              (5, 3, '2026-11-23 09:00', '2026-11-25 20:00', 42, 'Pain aux noix', NULL);
            """)
    }

}

/// The parsed messages of one kind that a server received.
func received(_ server: SMTPCaptureServer, kind: String) throws -> [ParsedEmail] {
    try EmailChecker.parse(files: server.messageFiles).filter { $0.header("X-Facteur-Kind") == kind }
}
