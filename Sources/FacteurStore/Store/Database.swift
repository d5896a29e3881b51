import FacteurCore
import Foundation

/// The database inside one `Store.read` or `Store.write` closure (GRDB's shape): every table's own type on the
/// same connection, so the transaction boundary is the closure the call site writes. Not Sendable: it lives
/// only for the duration of the closure.
public struct Database {
    let connection: SQLiteConnection

    init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Notices to send and what became of them (DESIGN §3).
    public var outbox: Outbox { Outbox(connection) }
    /// Messages received by the relay and the requests they carry (DESIGN §5).
    public var inbox: Inbox { Inbox(connection) }
    /// Skipped rows, members to call, pauses: kept until the digest reads them.
    public var reports: Reports { Reports(connection) }
}

@available(*, unavailable)
extension Database: Sendable {}
