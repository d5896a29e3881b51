import FacteurCore
import Foundation

/// One function per table: find the row by its natural key, then write what the file says.
extension Importer {
    mutating func importAmap(_ r: ImportRecord) throws {
        guard let name = r.text("name"),
            firstTime(r, key: "amap:\(name.lowercased())", what: .init(fr: "même nom", en: "name"))
        else { return }
        if let zone = r.text("timezone"), TimeZone(identifier: zone) == nil {
            return fail(
                r, "timezone",
                .init(
                    fr: "« \(zone) » n'est pas un fuseau horaire (comme Europe/Paris)",
                    en: "“\(zone)” is not an IANA time zone (such as Europe/Paris)"))
        }
        let existing = try rowid("SELECT id FROM amap WHERE lower(name) = lower(?)", [name])
        try write("amap", rowid: existing, values: present(r, ["name", "email", "reply_to", "timezone", "website"]))
    }

    mutating func importMember(_ r: ImportRecord) throws {
        guard let amap = try amap(r), let name = r.text("name") else { return }
        syncedAmaps.insert(amap)
        let email = r.text("email")
        let key = email.map { "member:\(amap):\($0.lowercased())" } ?? "member:\(amap):name:\(name.lowercased())"
        guard
            firstTime(
                r, key: key,
                what: email == nil
                    ? .init(fr: "même nom, sans courriel", en: "name, no email")
                    : .init(fr: "même courriel", en: "email"))
        else { return }
        var existing = try email.flatMap { try members.withEmail($0, amap: amap, db: db).first }
        if existing == nil {
            // A member first entered without an address, now given one, is the same person.
            existing = try members.named(name, amap: amap, db: db).first { !members.hasEmail($0) }
        }
        var keepsAddress = false
        if existing == nil, email == nil {
            // A row without an address ("Dupont;Camille;;06…", an export where the column was left empty) is the
            // member with that name, when only one has it: not a second member, and their address stays.
            let same = try members.sameWords(name, amap: amap, db: db)
            if same.count == 1 {
                existing = same[0]
                keepsAddress = true
            }
        }
        if let existing, let earlier = memberLines[existing] {
            // The same member twice (once with an address, once without, or under two spellings): the later line
            // would silently rewrite the earlier (its name, its phone, `active`).
            return fail(
                r, nil,
                .init(fr: "répète la ligne \(earlier) (même membre)", en: "repeats line \(earlier) (same member)"))
        }
        if existing == nil, email != nil, sync,
            let other = try members.named(name, amap: amap, db: db).first(where: { members.isActive($0) }),
            let address = members.email(other)
        {
            // Under --sync, a new address for a known name would make a second member and leave the first
            // inactive with their subscriptions and debts: a person must say which it is.
            return fail(
                r, "email",
                .init(
                    fr: "« \(name) » est déjà membre avec l'adresse \(address) : si c'est la même personne, corrigez "
                        + "d'abord son adresse (import sans --sync), sinon distinguez les noms",
                    en: "“\(name)” is already a member with the address \(address): if it is the same person, correct "
                        + "the address first (import without --sync), else tell the names apart"))
        }
        var values = [("amap_id", SQLValue.integer(amap))] + present(r, ["name", "email", "phone", "active"])
        if existing == nil && !sheet.presentColumns.contains("active") { values.append(("active", .integer(1))) }
        if case .null = r.values["active"] ?? .text("") { values.removeAll { $0.0 == "active" } }
        if keepsAddress { values.removeAll { $0.0 == "email" } }
        try write("member", rowid: existing, values: values)
        memberLines[existing ?? db.lastInsertRowID] = r.line
        try importPartner(r, amap: amap, active: values.first { $0.0 == "active" }?.1)
    }

    /// CAMAP's partner (the household's second adult, with an address of their own) becomes a member of
    /// their own, so that they receive the AMAP's mail too; subscriptions stay with the member who holds them.
    private mutating func importPartner(_ r: ImportRecord, amap: Int64, active: SQLValue?) throws {
        let email = r.text("partner_email")
        let name = [r.text("partner_first_name"), r.text("partner_name")].compactMap { $0 }.joined(separator: " ")
        guard email != nil || !name.isEmpty else { return }
        let shown = name.isEmpty ? (email ?? "") : name
        let key = email.map { "member:\(amap):\($0.lowercased())" } ?? "member:\(amap):name:\(shown.lowercased())"
        guard firstTime(r, key: key, what: .init(fr: "même courriel de partenaire", en: "partner's email")) else {
            return
        }
        var existing = try email.flatMap { try members.withEmail($0, amap: amap, db: db).first }
        if existing == nil {
            existing = try members.named(shown, amap: amap, db: db).first { !members.hasEmail($0) }
        }
        var values: [(String, SQLValue)] = [("amap_id", .integer(amap)), ("name", .text(shown))]
        if let email { values.append(("email", .text(email))) }
        if let phone = r.text("partner_phone") { values.append(("phone", .text(phone))) }
        values.append(("active", active ?? .integer(1)))
        if try write("member", rowid: existing, values: values) == .added {
            report.notes.append(
                .init(
                    fr: "ligne \(r.line) : partenaire « \(shown) » importé comme membre (il recevra aussi le courrier)",
                    en: "line \(r.line): partner “\(shown)” imported as a member (they will get the mail too)"))
        }
    }

    mutating func importProducer(_ r: ImportRecord) throws {
        guard let name = r.text("name"),
            firstTime(r, key: "producer:\(NameFold.name(name))", what: .init(fr: "même nom", en: "name"))
        else {
            return
        }
        // « Éric Lefèvre » typed "Eric Lefevre" is the same producer, when only one folds that way.
        var existing = try rowid("SELECT id FROM producer WHERE lower(trim(name)) = lower(?)", [name])
        if existing == nil {
            let same = try producersNamed(name, farmsToo: false)
            if same.count == 1 { existing = same[0] }
        }
        try write("producer", rowid: existing, values: present(r, ["name", "farm", "email"]))
    }

    mutating func importContract(_ r: ImportRecord) throws {
        guard let amap = try amap(r), let name = r.text("name") else { return }
        let producer = try producer(r)
        let coordinator = r.text("coordinator") == nil ? nil : try member(r, column: "coordinator", amap: amap)
        guard let producer, r.text("coordinator") == nil || coordinator != nil,
            firstTime(
                r, key: "contract:\(amap):\(NameFold.name(name))",
                what: .init(fr: "même nom de contrat", en: "contract name"))
        else { return }
        let same = try contracts(named: name, amap: amap, orID: false)
        let existing = same.count == 1 ? same[0].int64(0) : nil
        if let relay = r.text("relay_address"),
            let other = try rowid(
                "SELECT id FROM contract WHERE lower(relay_address) = lower(?) AND id IS NOT ?", [relay, existing])
        {
            return fail(
                r, "relay_address",
                .init(
                    fr: "« \(relay) » est déjà l'adresse relais du contrat \(other)",
                    en: "“\(relay)” is already the relay address of contract \(other)"))
        }
        var values: [(String, SQLValue)] = [("amap_id", .integer(amap)), ("producer_id", .integer(producer))]
        values += present(r, ["name", "starts_on", "ends_on", "relay_address", "order_url"])
        if sheet.presentColumns.contains("coordinator") {
            values.append(("coordinator_id", coordinator.map { .integer($0) } ?? .null))
        }
        try write("contract", rowid: existing, values: values)
    }

    mutating func importSubscription(_ r: ImportRecord) throws {
        guard let amap = try amap(r) else { return }
        let member = try member(r, amap: amap)
        let contract = try contract(r, amap: amap)
        guard let member, let contract,
            firstTime(
                r, key: "sub:\(member):\(contract)",
                what: .init(fr: "même membre et même contrat", en: "member and contract"))
        else { return }
        syncedContracts.insert(contract)
        let existing = try rowid(
            "SELECT rowid FROM subscription WHERE member_id = ? AND contract_id = ?", [member, contract])
        try write(
            "subscription", rowid: existing,
            values: [("member_id", .integer(member)), ("contract_id", .integer(contract))])
    }

    mutating func importDistribution(_ r: ImportRecord) throws {
        guard let amap = try amap(r), let start = r.text("starts_at"), start.count >= 16 else { return }
        guard firstTime(r, key: "distribution:\(amap):\(start.prefix(16))", what: .init(fr: "même début", en: "start"))
        else { return }
        var existing = try rowid(
            "SELECT id FROM distribution WHERE amap_id = ? AND substr(replace(starts_at, 'T', ' '), 1, 16) = ?",
            [amap, String(start.prefix(16))])
        var moved = false
        if existing == nil, distributionsInFile(on: start.prefix(10), amap: r.text("amap") ?? defaultAmap) == 1 {
            // The AMAP's only distribution that day, at the same place, and the file's only one that day: a
            // corrected time, not a second distribution (members announced the old time get a change, DESIGN §2).
            // A cancelled one is not taken (a new row that day is its replacement), nor counted.
            let same = try db.rows(
                """
                SELECT id, place, cancelled FROM distribution
                WHERE amap_id = ? AND substr(replace(starts_at, 'T', ' '), 1, 10) = ? AND cancelled IS NOT 1
                """, [amap, String(start.prefix(10))])
            let place = same.first.map { NameFold.name($0.text(1) ?? "") }
            if same.count == 1, let id = same[0].int64(0), !(touched["distribution"] ?? []).contains(id),
                same[0].int64(2) ?? 0 == 0, r.text("place").map({ NameFold.name($0) }) ?? place == place
            {
                existing = id
                moved = true
            }
        }
        var values: [(String, SQLValue)] = [("amap_id", .integer(amap))]
        values += present(r, ["starts_at", "ends_at", "place", "notes", "cancelled", "duty_needed"])
        if existing != nil && !moved { values.removeAll { $0.0 == "starts_at" } }
        for flag in ["cancelled", "duty_needed"] where values.contains(where: { $0.0 == flag && $0.1 == .null }) {
            values.removeAll { $0.0 == flag }
            if existing == nil { values.append((flag, .integer(0))) }
        }
        if try write("distribution", rowid: existing, values: values) != .unchanged, moved {
            let (day, time) = (start.prefix(10), start.prefix(16).suffix(5))
            let shown = "\(day.suffix(2))/\(day.dropFirst(5).prefix(2))/\(day.prefix(4))"
            report.notes.append(
                .init(
                    fr: "ligne \(r.line) : la distribution du \(shown) change d'heure : \(time)",
                    en: "line \(r.line): the distribution of \(shown) moves to \(time)"))
        }
    }

    /// How many of the file's rows (for this AMAP) fall on that day.
    private mutating func distributionsInFile(on day: Substring, amap: String?) -> Int {
        if distributionDays.isEmpty {
            // A cancelled row (the distribution a replacement stands in for) is not one of the day's.
            for record in sheet.records where record.values["cancelled"] != .integer(1) {
                guard let start = record.text("starts_at"), start.count >= 16 else { continue }
                let amap = NameFold.name(record.text("amap") ?? defaultAmap ?? "")
                distributionDays["\(amap)\u{0}\(start.prefix(10))", default: 0] += 1
            }
        }
        return distributionDays["\(NameFold.name(amap ?? ""))\u{0}\(day)"] ?? 0
    }

    mutating func importDelivery(_ r: ImportRecord) throws {
        guard let amap = try amap(r) else { return }
        let distribution = try distribution(r, amap: amap)
        let contract = try contract(r, amap: amap)
        guard let distribution, let contract,
            firstTime(
                r, key: "delivery:\(distribution):\(contract)",
                what: .init(fr: "même distribution et même contrat", en: "distribution and contract"))
        else { return }
        let existing = try rowid(
            "SELECT rowid FROM delivery WHERE distribution_id = ? AND contract_id = ?", [distribution, contract])
        try write(
            "delivery", rowid: existing,
            values: [("distribution_id", .integer(distribution)), ("contract_id", .integer(contract))]
                + present(r, ["notes"]))
    }

    mutating func importDuty(_ r: ImportRecord) throws {
        guard let amap = try amap(r) else { return }
        let distribution = try distribution(r, amap: amap)
        let member = try member(r, amap: amap)
        guard let distribution, let member,
            firstTime(
                r, key: "duty:\(distribution):\(member)",
                what: .init(fr: "même distribution et même membre", en: "distribution and member"))
        else { return }
        let existing = try rowid(
            "SELECT rowid FROM duty WHERE distribution_id = ? AND member_id = ?", [distribution, member])
        try write(
            "duty", rowid: existing,
            values: [("distribution_id", .integer(distribution)), ("member_id", .integer(member))]
                + present(r, ["role"]))
    }
}
