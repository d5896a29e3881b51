import FacteurCore
import Foundation

/// The variables of `producer_sheet`, and its CSV (one line per distribution, contract or product).
enum ProducerSheetContext {
    /// One change since the previous sheet, as the farmer reads it: "Œufs : 24 → 30".
    static func change(_ c: ProducerSheet.Change, _ language: Language) -> String {
        let fr = language == .fr
        switch c {
        case .stopAdded(let stop): return fr ? "nouvelle distribution : \(stop)" : "new distribution: \(stop)"
        case .stopRemoved(let stop):
            return fr ? "distribution retirée (annulée) : \(stop)" : "distribution removed (cancelled): \(stop)"
        case .shares(let from, let to): return fr ? "paniers : \(from) → \(to)" : "baskets: \(from) → \(to)"
        case .quantity(let product, let from, let to): return "\(product)\(fr ? " :" : ":") \(from) → \(to)"
        }
    }

    static func make(_ s: ProducerSheet, dates: HumanDates, language: Language) -> TemplateValue {
        func quantities(_ q: [ProducerSheet.Quantity]) -> TemplateValue {
            .list(q.map { ["product": .string($0.product), "quantity": .string(String($0.quantity))] })
        }
        return [
            "producer": .string(s.producer),
            "date": .string(dates.date(s.date.at(hour: 12, minute: 0, in: dates.timeZone))),
            "is_update": .bool(s.isUpdate),
            "changes": .list(s.changes.map { ["text": .string(change($0, language))] }),
            "has_changes": .bool(!s.changes.isEmpty),
            "count": .string(String(s.stops.count)),
            "total_shares": .string(String(s.totalShares)),
            "has_shares": .bool(s.totalShares > 0),
            "totals": quantities(s.totals),
            "has_totals": .bool(!s.totals.isEmpty),
            "stops": .list(
                s.stops.map { stop in
                    let local = HumanDates(language: language, timeZone: stop.timeZone)
                    return [
                        "amap": .string(stop.amap), "place": .string(stop.place),
                        "time": .string(local.time(stop.startsAt)),
                        "shares": .list(
                            stop.shares.map {
                                [
                                    "contract": .string($0.contract), "count": .string(String($0.count)),
                                    // « 1 panier », « 3 paniers »: never « 1 paniers ».
                                    "count_words": .string(
                                        language == .fr
                                            ? FrenchWords.count($0.count, "panier", "paniers")
                                            : $0.count == 1 ? "1 share" : "\($0.count) shares"),
                                ]
                            }),
                        "ordered": quantities(stop.ordered),
                    ]
                }),
        ]
    }

    /// `Distribution;AMAP;Lieu;Heure;Contrat;Produit;Quantité`, `;`-separated as French spreadsheets expect.
    static func csv(_ s: ProducerSheet, language: Language) -> [UInt8] {
        let cell = SpreadsheetCell.text
        var lines = [
            language == .fr
                ? "Date;AMAP;Lieu;Heure;Contrat;Produit;Quantité" : "Date;AMAP;Place;Time;Contract;Product;Quantity"
        ]
        for stop in s.stops {
            let dates = HumanDates(language: language, timeZone: stop.timeZone)
            let head = [s.date.description, stop.amap, stop.place, dates.time(stop.startsAt)].map(cell)
            for share in stop.shares {
                lines.append(
                    (head + [cell(share.contract), language == .fr ? "paniers" : "shares", String(share.count)])
                        .joined(separator: ";"))
            }
            for q in stop.ordered {
                lines.append((head + ["", cell(q.product), String(q.quantity)]).joined(separator: ";"))
            }
        }
        return Array(("\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n").utf8)
    }
}
