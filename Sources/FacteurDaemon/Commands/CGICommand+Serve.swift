import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

extension CGICommand {
    func serve(
        claim: TokenClaim, token: String, method: String, fields: [String: [String]], store: Store,
        signer: TokenSigner, configuration: Configuration, context: CommandContext
    ) async throws {
        let memberID: Int64
        let kind: NoticeKind
        let contract: Int64?
        switch claim {
        case .unsubscribe(let m, let k): (memberID, kind, contract) = (m, k, nil)
        case .relay(let m, let c): (memberID, kind, contract) = (m, .relay, c)
        default: return
        }
        let language = configuration.language
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let templates = try TemplateLoader.load(folder: configuration.templates, language: language)
        var desk = RelayDesk(
            configuration: configuration, composer: NoticeComposer(templates: templates), logger: context.logger)
        desk.signer = signer
        let deskForChanges = desk
        let zone = configuration.timeZone
        let found = try await store.read { s -> (Member, Amap)? in
            guard let member = try s.inbox.member(memberID),
                let amap = try s.inbox.amaps(defaultTimeZone: zone).first(where: { $0.id == member.amapID })
            else { return nil }
            return (member, amap)
        }
        guard let (member, amap) = found else {
            Self.respond(
                status: "404 Not Found", type: "text/html; charset=utf-8",
                body: PreferencesPage.render(
                    .init(amapName: "", memberName: "", token: "", state: .invalid, choices: []), language: language))
            return
        }
        var contractName: String?
        if let contract {
            contractName = try await store.read {
                try $0.inbox.route(forContract: contract, defaultTimeZone: zone)?.contract.name
            }
        }
        let what = SubscriptionWords.what(kind, contract: contractName, language: language)
        let action = fields["action"]?.first
        let oneClick = fields["List-Unsubscribe"]?.first == "One-Click"
        var state: PreferencesPage.State = .confirm(what: what)
        if method == "POST" && (oneClick || action == "stop") {
            _ = try await store.write { storage in
                try deskForChanges.change(
                    member: memberID, kind: kind, contract: contract, stop: true, amap: amap, storage: storage, now: now
                )
            }
            context.logger.info(
                "unsubscribed",
                ["member": "\(memberID)", "kind": kind.rawValue, "via": oneClick ? "one-click" : "page"])
            if oneClick {
                Self.respond(
                    status: "200 OK", type: "text/plain; charset=utf-8",
                    body: language == .fr ? "Désinscription enregistrée.\n" : "Unsubscribed.\n")
                return
            }
            state = .stopped(what: what)
        } else if method == "POST" && action == "save" {
            let wanted = Set(fields["receive"] ?? [])
            let (refused, relayRefused) = try await store.read { try $0.inbox.preferences(member: memberID) }
            let contracts = try await store.read { try $0.inbox.relayContracts(member: memberID) }
            _ = try await store.write { storage in
                for k in NoticeKind.allCases where k.isOptional && k != .relay {
                    let receives = wanted.contains(k.rawValue)
                    if receives == refused.contains(k) {
                        _ = try deskForChanges.change(
                            member: memberID, kind: k, contract: nil, stop: !receives, amap: amap, storage: storage,
                            now: now)
                    }
                }
                for c in contracts {
                    let receives = wanted.contains("relay-\(c.id)")
                    let refusedNow = relayRefused.contains(c.id) || refused.contains(.relay)
                    if receives == refusedNow {
                        _ = try deskForChanges.change(
                            member: memberID, kind: .relay, contract: c.id, stop: !receives, amap: amap,
                            storage: storage, now: now)
                    }
                }
            }
            state = .saved
        }
        let (refused, relayRefused) = try await store.read { try $0.inbox.preferences(member: memberID) }
        let contracts = try await store.read { try $0.inbox.relayContracts(member: memberID) }
        var choices = NoticeKind.allCases.filter { $0.isOptional && $0 != .relay }.map {
            PreferencesPage.Choice(
                field: $0.rawValue,
                label: SubscriptionWords.what($0, contract: nil, language: language).capitalizedFirst,
                receives: !refused.contains($0))
        }
        choices += contracts.map {
            PreferencesPage.Choice(
                field: "relay-\($0.id)",
                label: SubscriptionWords.what(.relay, contract: $0.name, language: language).capitalizedFirst,
                receives: !relayRefused.contains($0.id) && !refused.contains(.relay))
        }
        let page = PreferencesPage.render(
            .init(amapName: amap.name, memberName: member.name, token: token, state: state, choices: choices),
            language: language)
        Self.respond(status: "200 OK", type: "text/html; charset=utf-8", body: method == "HEAD" ? "" : page)
        return
    }
}

extension String {
    /// "les annonces" → "Les annonces".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
