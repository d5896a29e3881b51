/// A command's failure it has already told the user about (on its output, or in the log), thrown so that
/// `CommandLineTool.exitCode(for:)` alone chooses the exit code.
public enum CommandFailure: Error, Sendable, Equatable {
    /// The database does not exist yet (`facteur init`).
    case databaseMissing
    /// The database's schema is older than this version's.
    case schemaOutdated
    /// The SMTP server could not be reached, or refused for good.
    case smtpUnavailable
    /// The SMTP server deferred the message: try again later.
    case smtpDeferred
    /// An address in the configuration is unusable.
    case invalidConfiguredAddress
    /// An address given for this run is unusable.
    case invalidAddress
    /// The input file cannot be read, or names nothing known.
    case noInput
    /// The imported rows have problems: nothing was written.
    case importRejected
    /// No contract or AMAP has the message's relay address.
    case unknownRecipient
    /// The message is not a mail message.
    case unparseableMessage
    /// The message could not be stored: the MTA must keep it and try again.
    case notStored
    /// The tick's planning failed as a whole (a column missing from the published schema, say): what was
    /// already queued was sent, nothing new was planned. `once` says so with its exit code, not only in the log.
    case planningFailed
}
