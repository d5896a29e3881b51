import FacteurCore
import Foundation

/// `facteur import --sync`: the file is the AMAP's whole list. What it no longer names is ended, never deleted
/// with its history: a member becomes inactive (their orders, payments and duties stay); a subscription, which
/// has no history of its own, is removed. Each change is said by name, and `--dry-run` shows them all.
extension Importer {
    mutating func synchronise() throws {
        switch sheet.table {
        case .members:
            let kept = try Self.json(touched["member"] ?? [])
            for amap in syncedAmaps.sorted() {
                let leaving = try db.rows(
                    """
                    SELECT id, name FROM member WHERE amap_id = ? AND active != 0
                        AND id NOT IN (SELECT value FROM json_each(?)) ORDER BY name
                    """, [amap, kept])
                for row in leaving {
                    try db.run("UPDATE member SET active = 0 WHERE id = ?", [row.int64(0)])
                    report.updated += 1
                    let name = row.text(1) ?? ""
                    report.notes.append(
                        .init(
                            fr: "absent du fichier : « \(name) » devient inactif (plus de courrier)",
                            en: "not in the file: “\(name)” becomes inactive (no more mail)"))
                }
            }
        case .subscriptions:
            let kept = try Self.json(touched["subscription"] ?? [])
            for contract in syncedContracts.sorted() {
                let ended = try db.rows(
                    """
                    SELECT s.rowid, m.name, c.name FROM subscription s JOIN member m ON m.id = s.member_id
                        JOIN contract c ON c.id = s.contract_id
                    WHERE s.contract_id = ? AND s.rowid NOT IN (SELECT value FROM json_each(?)) ORDER BY m.name
                    """, [contract, kept])
                for row in ended {
                    try db.run("DELETE FROM subscription WHERE rowid = ?", [row.int64(0)])
                    let (member, contractName) = (row.text(1) ?? "", row.text(2) ?? "")
                    report.notes.append(
                        .init(
                            fr:
                                "absent du fichier : l'abonnement de « \(member) » au contrat « \(contractName) » prend fin",
                            en: "not in the file: \(member)'s subscription to “\(contractName)” ends"))
                }
            }
        default:
            break
        }
    }

    static func json(_ ids: Set<Int64>) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: ids.sorted()), as: UTF8.self)
    }
}
