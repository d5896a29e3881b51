import FacteurCore

/// The few lines under a relayed message: who wrote it, to whom, and how to stop receiving that contract's
/// messages (the signed link, or a mail to the Facteur address).
enum RelayFooter {
    static func toSubscribers(
        sender: String, contract: String, amap: String, links: UnsubscribeLinks?, relayAddress: String,
        language: Language
    ) -> String {
        switch language {
        case .fr:
            let how =
                links.map { l in
                    "écrivez à \(l.address) avec pour objet « \(l.subject) »" + (l.url.map { ", ou ouvrez \($0)" } ?? "")
                } ?? "écrivez à \(relayAddress) avec pour objet « désinscription »"
            return """
                —
                Message \(FrenchWords.de(sender)) aux membres du contrat \(contract) \(FrenchWords.de(amap: amap)), \
                transmis par Facteur. \
                Pour ne plus recevoir les messages de ce contrat, \(how).
                """
        case .en:
            let how =
                links.map { l in "write to \(l.address) with the subject “\(l.subject)”" + (l.url.map { ", or open \($0)" } ?? "") }
                ?? "write to \(relayAddress) with the subject “unsubscribe”"
            return """
                —
                Message from \(sender) to the members of the \(contract) contract of \(amap), passed on by Facteur. \
                To stop receiving this contract's messages, \(how).
                """
        }
    }
}
