import FacteurCore

/// Order windows, order lines and payments.
extension Importer {
    mutating func importOrderWindow(_ r: ImportRecord) throws {
        guard let amap = try amap(r), let contract = try contract(r, amap: amap), let opens = r.text("opens_at")
        else { return }
        let distribution = r.text("distribution") == nil ? nil : try distribution(r, amap: amap)
        guard r.text("distribution") == nil || distribution != nil,
            firstTime(
                r, key: "window:\(contract):\(opens.prefix(16))",
                what: .init(fr: "même contrat et même ouverture", en: "contract and opening"))
        else { return }
        let existing = try rowid(
            "SELECT id FROM order_window WHERE contract_id = ? AND substr(replace(opens_at, 'T', ' '), 1, 16) = ?",
            [contract, String(opens.prefix(16))])
        var values: [(String, SQLValue)] = [("contract_id", .integer(contract))]
        values += present(r, ["opens_at", "closes_at", "unavailable", "notes"])
        if existing != nil { values.removeAll { $0.0 == "opens_at" } }
        if sheet.presentColumns.contains("distribution") {
            values.append(("distribution_id", distribution.map { .integer($0) } ?? .null))
        }
        try write("order_window", rowid: existing, values: values)
    }

    mutating func importOrderLine(_ r: ImportRecord) throws {
        guard let amap = try amap(r), let contract = try contract(r, amap: amap) else { return }
        let window = try window(r, contract: contract)
        let member = try member(r, amap: amap)
        guard let window, let member, let product = r.text("product"),
            firstTime(
                r, key: "line:\(window):\(member):\(product.lowercased())",
                what: .init(fr: "même commande, même membre et même produit", en: "window, member and product"))
        else { return }
        var values: [(String, SQLValue)] = [("order_window_id", .integer(window)), ("member_id", .integer(member))]
        values += present(r, ["product", "quantity", "unit_price_cents"])
        if case .integer(let milli) = r.values["quantity_thousandths"] ?? .null,
            case .integer(let unit) = r.values["unit_price_cents"] ?? .null
        {
            // Facteur counts whole quantities (the published schema's `quantity` is an integer): 1,5 kg at
            // 12,50 € is one line "Fromage (1,5)" at 18,75 €. Money stays exact to the cent, rounded half up.
            guard let (product2, price) = Self.weighed(product, thousandths: milli, unitCents: unit) else {
                return fail(
                    r, "quantity",
                    .init(
                        fr: "quantité × prix unitaire trop grand pour être un montant",
                        en: "quantity × unit price is too large to be an amount"))
            }
            values.removeAll { ["product", "quantity", "unit_price_cents"].contains($0.0) }
            values += [("product", .text(product2)), ("quantity", .integer(1)), ("unit_price_cents", .integer(price))]
            report.notes.append(
                .init(
                    fr:
                        "ligne \(r.line) : quantité \(Self.decimal(milli)) de « \(product) » comptée comme 1 × \(Money(cents: price).formatted(.fr))",
                    en:
                        "line \(r.line): quantity \(Self.decimal(milli)) of “\(product)” counted as 1 × \(Money(cents: price).formatted(.en))"
                ))
        }
        let name =
            values.first { $0.0 == "product" }.flatMap { if case .text(let t) = $0.1 { t } else { nil } } ?? product
        // The same product, whether its earlier line was weighed ("Fromage (1,5)") or not: a corrected export
        // updates the line instead of adding a second one.
        let weighedPattern =
            product.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + " (%)"
        let existing = try rowid(
            """
            SELECT id FROM order_line WHERE order_window_id = ? AND member_id = ?
                AND (lower(trim(product)) = lower(?) OR lower(trim(product)) = lower(?)
                    OR lower(trim(product)) LIKE lower(?) ESCAPE '\\')
            ORDER BY lower(trim(product)) IN (lower(?), lower(?)) DESC, id LIMIT 1
            """, [window, member, name, product, weighedPattern, name, product])
        try write("order_line", rowid: existing, values: values)
    }

    /// A payment has no name: the same member, contract, day, amount and reference is the same payment.
    mutating func importPayment(_ r: ImportRecord) throws {
        guard let amap = try amap(r) else { return }
        let member = try member(r, amap: amap)
        let contract = try contract(r, amap: amap)
        guard let member, let contract, case .integer(let cents) = r.values["amount_cents"] ?? .null,
            let day = r.text("received_on")
        else { return }
        let reference = r.text("reference") ?? ""
        guard
            firstTime(
                r, key: "payment:\(member):\(contract):\(day):\(cents):\(reference)",
                what: .init(
                    fr: "même membre, contrat, date, montant et numéro : ajoutez un numéro pour les distinguer",
                    en: "member, contract, date, amount and reference: add a reference to tell them apart"))
        else { return }
        var existing = try rowid(
            """
            SELECT id FROM payment WHERE member_id = ? AND contract_id = ? AND received_on = ? AND amount_cents = ?
                AND COALESCE(reference, '') = ?
            """, [member, contract, day, cents, reference])
        if existing == nil,
            let number = Self.chequeNumber(
                reference, method: r.text("method"), referenceHeader: sheet.positions["reference"]?.1)
        {
            // A cheque's number names one cheque: a corrected amount or date re-imported updates it, instead of
            // adding a second payment that would count the member's money twice. Not a transfer's or a direct
            // debit's reference, which a bank repeats every month (a mandate, a member number).
            let same = try db.rows(
                """
                SELECT id FROM payment WHERE member_id = ? AND contract_id = ?
                    AND replace(replace(replace(reference, ' ', ''), char(160), ''), char(8239), '') = ?
                """, [member, contract, number]
            ).compactMap { $0.int64(0) }
            if same.count == 1, !(touched["payment"] ?? []).contains(same[0]) {
                existing = same[0]
                report.notes.append(
                    .init(
                        fr: "ligne \(r.line) : le paiement n° \(reference) est corrigé (montant ou date)",
                        en: "line \(r.line): payment no. \(reference) is corrected (amount or date)"))
            }
        }
        try write(
            "payment", rowid: existing,
            values: [("member_id", .integer(member)), ("contract_id", .integer(contract))]
                + present(r, ["amount_cents", "received_on", "method", "reference"]))
    }

    /// The number of a payment made by cheque whose reference is four digits or more, spaces aside; nil for any
    /// other payment, whose reference may name many (`espèces`, a mandate number). By cheque: its method says so
    /// (`chèque`, `Par chèque`, `chq`, `check`), or, with no method given, the reference's column does (Amapress's
    /// « Numéro du chèque »).
    static func chequeNumber(_ reference: String, method: String?, referenceHeader: String?) -> String? {
        func saysCheque(_ text: String) -> Bool {
            let words = NameFold.words(text)
            return words.contains { $0 == "cheque" || $0 == "cheques" || $0 == "chq" || $0 == "check" }
        }
        let byCheque = method.map(saysCheque) ?? referenceHeader.map(saysCheque) ?? false
        guard byCheque else { return nil }
        let number = reference.filter { !$0.isWhitespace }
        guard number.count >= 4, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return number
    }

    /// "Fromage" × 1,5 at 12,50 € → ("Fromage (1,5)", 1875): the line's amount, half-cents rounded up.
    static func weighed(_ product: String, thousandths: Int64, unitCents: Int64) -> (String, Int64)? {
        let (product10, overflow) = thousandths.multipliedReportingOverflow(by: unitCents)
        let (rounded, overflow2) = product10.addingReportingOverflow(500)
        guard !overflow, !overflow2 else { return nil }
        return ("\(product) (\(decimal(thousandths)))", rounded / 1000)
    }

    /// 1500 → "1,5"; 250 → "0,25".
    static func decimal(_ thousandths: Int64) -> String {
        var fraction = String(format: "%03lld", thousandths % 1000)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(thousandths / 1000)" + (fraction.isEmpty ? "" : ",\(fraction)")
    }
}
