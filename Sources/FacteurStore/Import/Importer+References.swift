import FacteurCore

/// Rows named the way a person names them: an AMAP by name, a member by email or name, a contract
/// or a producer by name, a distribution by its date (and time), an order window by its closing day.
extension Importer {
    mutating func amap(_ r: ImportRecord) throws -> Int64? {
        let name = r.text("amap") ?? defaultAmap
        guard let name else {
            let all = try db.rows("SELECT id FROM amap LIMIT 2")
            if all.count == 1 { return all[0].int64(0) }
            fail(
                r, nil,
                all.isEmpty
                    ? .init(
                        fr: "aucune AMAP dans la base : importez d'abord les AMAP",
                        en: "no AMAP in the database: import amaps first")
                    : .init(
                        fr: "plusieurs AMAP dans la base : ajoutez une colonne « AMAP » ou donnez --amap",
                        en: "several AMAPs in the database: add an “amap” column or give --amap"))
            return nil
        }
        if let id = Int64(name), try rowid("SELECT id FROM amap WHERE id = ?", [id]) != nil { return id }
        let rows = try amapLookups[name] ?? db.rows("SELECT id FROM amap WHERE lower(name) = lower(?)", [name])
        amapLookups[name] = rows
        guard rows.count == 1 else {
            fail(
                r, r.text("amap") == nil ? nil : "amap",
                rows.isEmpty
                    ? .init(fr: "aucune AMAP ne s'appelle « \(name) »", en: "no AMAP named “\(name)”")
                    : .init(fr: "plusieurs AMAP s'appellent « \(name) »", en: "several AMAPs are named “\(name)”"))
            return nil
        }
        return rows[0].int64(0)
    }

    mutating func member(_ r: ImportRecord, column: String = "member", amap: Int64) throws -> Int64? {
        let column = r.text(column) == nil && r.text("member_name") != nil ? "member_name" : column
        guard let text = r.text(column) else {
            if column == "member" {
                fail(
                    r, "member",
                    .init(
                        fr: "aucun membre : donnez son courriel ou son nom",
                        en: "no member: give their email or their name"))
            }
            return nil
        }
        var rows =
            text.contains("@")
            ? try members.withEmail(text, amap: amap, db: db) : try members.named(text, amap: amap, db: db)
        if rows.isEmpty && !text.contains("@") {
            // "DUPONT Camille" is Camille Dupont: the same words, in any order and case. CAMAP's orders add
            // the partner's first name after a slash ("DUPONT Camille / Sami"): the member is before it.
            let holder = text.components(separatedBy: " / ").first ?? text
            rows = try members.sameWords(holder, amap: amap, db: db)
        }
        guard rows.count == 1 else {
            fail(
                r, column,
                rows.isEmpty
                    ? .init(
                        fr: "aucun membre « \(text) » dans cette AMAP (importez d'abord les membres)",
                        en: "no member “\(text)” in this AMAP (import members first)")
                    : .init(
                        fr: "« \(text) » désigne \(rows.count) membres : donnez leur courriel",
                        en: "“\(text)” matches \(rows.count) members: use their email"))
            return nil
        }
        return rows[0]
    }

    mutating func contract(_ r: ImportRecord, amap: Int64) throws -> Int64? {
        guard let text = r.text("contract") else { return nil }
        let rows = try contracts(named: text, amap: amap)
        guard rows.count == 1 else {
            fail(
                r, "contract",
                rows.isEmpty
                    ? .init(
                        fr: "aucun contrat « \(text) » dans cette AMAP (importez d'abord les contrats)",
                        en: "no contract “\(text)” in this AMAP (import contracts first)")
                    : .init(
                        fr: "plusieurs contrats s'appellent « \(text) »", en: "several contracts are named “\(text)”"))
            return nil
        }
        return rows[0].int64(0)
    }

    /// The AMAP's contracts with that name or id. "Oeufs", "OEUFS" and "Legumes", typed on a keyboard without Œ
    /// or accents, are « Œufs » and « Légumes » when no contract has the name exactly.
    /// A reference may give the contract's id; a contract's own row is matched by name only.
    func contracts(named text: String, amap: Int64, orID: Bool = true) throws -> [Row] {
        let rows = try db.rows(
            """
            SELECT id FROM contract
            WHERE amap_id = ? AND (lower(trim(name)) = lower(?) OR (? AND CAST(id AS TEXT) = ?))
            """, [amap, text, orID, text])
        let folded = NameFold.name(text)
        guard rows.isEmpty, !folded.isEmpty else { return rows }
        return try db.rows("SELECT id, name FROM contract WHERE amap_id = ?", [amap]).filter {
            NameFold.name($0.text(1) ?? "") == folded
        }
    }

    mutating func producer(_ r: ImportRecord) throws -> Int64? {
        guard let text = r.text("producer") else { return nil }
        var rows = try db.rows(
            "SELECT id FROM producer WHERE lower(trim(name)) = lower(?) OR lower(trim(farm)) = lower(?)", [text, text]
        ).compactMap { $0.int64(0) }
        if rows.isEmpty { rows = try producersNamed(text, farmsToo: true) }
        guard rows.count == 1 else {
            fail(
                r, "producer",
                rows.isEmpty
                    ? .init(
                        fr: "aucun producteur « \(text) » (importez d'abord les producteurs)",
                        en: "no producer “\(text)” (import producers first)")
                    : .init(
                        fr: "« \(text) » désigne \(rows.count) producteurs",
                        en: "“\(text)” matches \(rows.count) producers"))
            return nil
        }
        return rows[0]
    }

    /// The producers whose name (or farm) folds as `text` does, read once per import and kept current as it
    /// writes: a file of thousands of new producers compared each with all the others (5,000 took 211 s).
    mutating func producersNamed(_ text: String, farmsToo: Bool) throws -> [Int64] {
        if producerFolds == nil {
            var folds: [String: Set<Int64>] = [:]
            var farms: [String: Set<Int64>] = [:]
            for row in try db.rows("SELECT id, name, farm FROM producer") {
                guard let id = row.int64(0) else { continue }
                folds[NameFold.name(row.text(1) ?? ""), default: []].insert(id)
                if let farm = row.text(2) { farms[NameFold.name(farm), default: []].insert(id) }
            }
            producerFolds = (folds, farms)
        }
        let key = NameFold.name(text)
        guard !key.isEmpty, let (names, farms) = producerFolds else { return [] }
        return (names[key] ?? []).union(farmsToo ? farms[key] ?? [] : []).sorted()
    }

    /// `26/11/2026 18:30` matches that start exactly; `26/11/2026` the AMAP's only distribution that day.
    mutating func distribution(_ r: ImportRecord, column: String = "distribution", amap: Int64) throws -> Int64? {
        try byTime(
            r, column: column, table: "distribution", time: "starts_at", scope: ("amap_id", amap),
            unreadable: .init(
                fr: "n'est pas une date (attendu : 26/11/2026 ou 26/11/2026 18:30)",
                en: "is not a date (expected 26/11/2026 or 26/11/2026 18:30)"),
            none: .init(
                fr: "aucune distribution le « %@ » dans cette AMAP (importez d'abord les distributions)",
                en: "no distribution on “%@” in this AMAP (import distributions first)"),
            many: .init(
                fr: "%d distributions le « %@ » : donnez aussi l'heure",
                en: "%d distributions on “%@”: give the time too"))
    }

    /// The contract's order window closing that day (or at that minute).
    mutating func window(_ r: ImportRecord, contract: Int64) throws -> Int64? {
        var r = r
        if r.text("window") == nil {
            guard let day = defaultWindow else {
                fail(
                    r, nil,
                    .init(
                        fr: "pas de commande désignée : ajoutez une colonne « Clôture » ou donnez --window 26/11/2026",
                        en: "no order window: add a closing date column (“fermeture”) or give --window 26/11/2026"))
                return nil
            }
            r.values["window"] = .text(day)
        }
        return try byTime(
            r, column: "window", table: "order_window", time: "closes_at", scope: ("contract_id", contract),
            unreadable: .init(
                fr: "n'est pas une date de clôture (attendu : 26/11/2026)",
                en: "is not a closing date (expected 26/11/2026)"),
            none: .init(
                fr: "aucune commande de ce contrat ne ferme le « %@ » (importez d'abord les commandes ouvertes)",
                en: "no order window of this contract closes on “%@” (import order windows first)"),
            many: .init(
                fr: "%d commandes ferment le « %@ » : donnez aussi l'heure",
                en: "%d order windows close on “%@”: give the time too"))
    }

    /// A row named by a time: the exact minute when the cell has a time, else the only one that day.
    /// `table`, `time` and the scope column are this file's constants, never the spreadsheet's text.
    private mutating func byTime(
        _ r: ImportRecord, column: String, table: String, time: String, scope: (column: String, id: Int64),
        unreadable: BilingualText, none: BilingualText, many: BilingualText
    ) throws -> Int64? {
        guard let text = r.text(column) else { return nil }
        let rows: [Row]
        if let minute = SpreadsheetValues.dateTime(text) {
            rows = try db.rows(
                "SELECT id FROM \(table) WHERE \(scope.column) = ? AND substr(replace(\(time), 'T', ' '), 1, 16) = ?",
                [scope.id, String(minute.prefix(16))])
        } else if let day = SpreadsheetValues.date(text) {
            rows = try db.rows(
                "SELECT id FROM \(table) WHERE \(scope.column) = ? AND substr(\(time), 1, 10) = ?",
                [scope.id, day.description])
        } else {
            fail(r, column, .init(fr: "« \(text) » \(unreadable.fr)", en: "“\(text)” \(unreadable.en)"))
            return nil
        }
        guard rows.count == 1 else {
            func filled(_ s: String) -> String {
                s.replacingOccurrences(of: "%d", with: "\(rows.count)").replacingOccurrences(of: "%@", with: text)
            }
            let message = rows.isEmpty ? none : many
            fail(r, column, .init(fr: filled(message.fr), en: filled(message.en)))
            return nil
        }
        return rows[0].int64(0)
    }
}
