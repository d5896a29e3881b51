import FacteurCore
import Foundation

extension Database {
    /// `facteur forget --member ID`: see `MemberForgetting`. Through `Store.writeWithoutTransaction` (it vacuums).
    public func forget(_ request: ForgetRequest, now: Date) throws -> ForgetSummary {
        try MemberForgetting(db: connection).forget(request, now: now)
    }

    /// Addresses and names the outbox has used for this member (the member row may already be gone).
    public func outboxIdentities(of memberID: Int64) throws -> (addresses: [String], names: [String]) {
        let rows = try connection.rows(
            "SELECT DISTINCT recipient, recipient_name FROM facteur_outbox WHERE member_id = ?", [memberID])
        let addresses = rows.compactMap { $0.text(0) }.filter { $0 != MemberForgetting.placeholder }
        let names = rows.compactMap { $0.text(1) }.filter { !$0.isEmpty }
        return (Array(Set(addresses)).sorted(), Array(Set(names)).sorted())
    }

    /// `retention.days`: see `Retention`. Through `Store.writeWithoutTransaction` (secure_delete).
    @discardableResult
    public func purge(before cutoff: Date) throws -> RetentionPurge {
        try Retention(db: connection).purge(before: cutoff)
    }

    /// Private feed names of these members, created for those who have none yet.
    public func feedNames(for members: [Int64], now: Date) throws -> [Int64: String] {
        try FeedNames(db: connection).names(for: members, now: now)
    }
}
