/// One step of the daemon's schema history. Shipped migrations are never edited: a change is a new one.
struct Migration: Sendable {
    var version: Int
    var name: String
    var sql: String
}

enum Migrations {
    /// In order; `version` is the daemon's schema version after the step.
    static let all: [Migration] = [
        Migration(version: 1, name: "published schema", sql: PublishedSchema.sql),
        Migration(version: 2, name: "outbox, sender state and reports", sql: DaemonSchema.version2),
        Migration(version: 3, name: "outbox topics and debts", sql: DaemonSchema.version3),
        Migration(version: 4, name: "relay inbound messages and IMAP state", sql: DaemonSchema.version4),
        Migration(version: 5, name: "indexes for time-window reads", sql: DaemonSchema.version5),
        Migration(version: 6, name: "indexes for the retention purge", sql: DaemonSchema.version6),
        Migration(version: 7, name: "private calendar feed names", sql: DaemonSchema.version7),
        Migration(version: 8, name: "first failed attempt of an outbox row", sql: DaemonSchema.version8),
        Migration(version: 9, name: "partial indexes of implausible times and amounts", sql: DaemonSchema.version9),
        Migration(
            version: 10, name: "token secret, relay opt-outs per contract, requests", sql: DaemonSchema.version10),
        Migration(version: 11, name: "volunteers' answers by mail", sql: DaemonSchema.version11),
        Migration(version: 12, name: "rendered bodies in a table of their own", sql: DaemonSchema.version12),
        Migration(version: 13, name: "the retention index on creation time", sql: DaemonSchema.version13),
        Migration(version: 14, name: "the sender's journal of its batch", sql: DaemonSchema.version14),
        Migration(
            version: 15, name: "Message-IDs indexed only for messages that have one", sql: DaemonSchema.version15),
        Migration(
            version: 16, name: "distributions indexed only for notices about one", sql: DaemonSchema.version16),
        Migration(
            version: 17, name: "payments, relay addresses and windows indexed by contract", sql: DaemonSchema.version17),
        Migration(
            version: 18, name: "outbox states checked without a temporary index per row", sql: DaemonSchema.version18),
        Migration(version: 19, name: "bodies stored as a delta against a base", sql: DaemonSchema.version19),
        Migration(version: 20, name: "bounces find their row by its key", sql: DaemonSchema.version20),
    ]

    static var latest: Int { all.last!.version }
}
