/// What `facteur forget` looks for: the member's id and every form in which their address or name may
/// have been written into a stored message (the caller knows the MIME encodings; the store does not).
public struct ForgetRequest: Sendable {
    public var memberID: Int64
    /// Addresses, compared without regard to case.
    public var addresses: [String]
    /// Byte strings whose presence in a stored message means it mentions the member: addresses, the
    /// name, its HTML-escaped and quoted-printable forms.
    public var needles: [[UInt8]]

    public init(memberID: Int64, addresses: [String], needles: [[UInt8]]) {
        self.memberID = memberID
        self.addresses = addresses
        self.needles = needles
    }
}

/// What was removed, as counts: the rows themselves stay so that statistics still add up.
public struct ForgetSummary: Sendable, Equatable {
    public var addressedRows = 0
    public var withdrawnRows = 0
    public var mentioningBodies = 0
    public var inboundMessages = 0
    public var reports = 0
    public var debts = 0
    /// The private calendar feed's name (its file goes at the next `publish`).
    public var feeds = 0
    /// Bodies whose outbox row another tool deleted (SQLite does not cascade): never sent, never searched by
    /// row, so they all go, whoever they name.
    public var orphanBodies = 0
    /// False when a reader kept the write-ahead log from being emptied: old page images may remain in
    /// the `-wal` file until the next checkpoint.
    public var walTruncated = true

    public init() {}
}
