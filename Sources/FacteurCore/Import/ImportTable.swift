/// The tables `facteur import` fills, with the headers a French spreadsheet may use for each column.
/// Headers are compared after folding case and accents (`Téléphone` = `telephone`), so the lists hold
/// folded forms only.
public enum ImportTable: String, Sendable, CaseIterable {
    case amaps, members, producers, contracts, subscriptions, distributions, deliveries, duties
    case orderWindows = "order_windows"
    case orderLines = "order_lines"
    case payments

    /// `members`, `member`, `order-windows`, `order_window`… all name the same table.
    public init?(argument: String) {
        let folded = argument.lowercased().replacingOccurrences(of: "-", with: "_")
        for table in Self.allCases
        where table.rawValue == folded || table.rawValue == folded + "s" || table.schemaTable == folded {
            self = table
            return
        }
        return nil
    }

    /// The published schema's table.
    public var schemaTable: String {
        switch self {
        case .amaps: "amap"
        case .members: "member"
        case .producers: "producer"
        case .contracts: "contract"
        case .subscriptions: "subscription"
        case .distributions: "distribution"
        case .deliveries: "delivery"
        case .duties: "duty"
        case .orderWindows: "order_window"
        case .orderLines: "order_line"
        case .payments: "payment"
        }
    }

    public var columns: [ImportColumn] {
        let amap = ImportColumn("amap", .reference, ["amap", "association"])
        // CAMAP names a member `userEmail` and `userName` ("DUPONT Camille"); either is enough.
        let member = ImportColumn(
            "member", .reference,
            ["member", "membre", "adherent", "adherente", "email", "courriel", "e_mail", "mail", "useremail"],
            required: true, unlessPresent: "member_name")
        let memberName = ImportColumn(
            "member_name", .reference, ["member_name", "username", "nom_prenom", "nom_du_membre", "nom_adherent"],
            stored: false)
        let contract = ImportColumn(
            "contract", .reference, ["contract", "contrat", "catalogname", "catalogue", "nom_du_contrat"],
            required: true)
        let distribution = ImportColumn(
            "distribution", .reference, ["distribution", "date_distribution", "livraison", "date"], required: true)
        let notes = ImportColumn("notes", .text, ["notes", "note", "remarques", "remarque", "commentaire", "a_noter"])
        switch self {
        case .amaps:
            return [
                ImportColumn("name", .text, ["name", "nom", "amap"], required: true),
                ImportColumn("email", .email, ["email", "courriel", "e_mail", "mail"], required: true),
                ImportColumn("reply_to", .email, ["reply_to", "repondre_a", "reponse_a"]),
                ImportColumn("timezone", .text, ["timezone", "fuseau_horaire", "fuseau"]),
                ImportColumn("website", .text, ["website", "site", "site_web", "site_internet"]),
            ]
        case .members:
            return [
                amap,
                ImportColumn(
                    "name", .text, ["name", "nom", "nom_complet", "nom_prenom", "prenom_nom", "membre", "adherent"],
                    required: true),
                ImportColumn("first_name", .text, ["first_name", "prenom"]),
                ImportColumn(
                    "email", .email, ["email", "courriel", "e_mail", "mail", "adresse_mail", "adresse_email"]),
                ImportColumn("phone", .text, ["phone", "telephone", "tel", "tel1", "portable", "mobile"]),
                // AMAPJ's archive export says `Actif/Inactif` (ACTIF or INACTIF).
                ImportColumn("active", .flag, ["active", "actif", "active_e", "actif_ve", "actif_inactif", "etat"]),
                // CAMAP's second adult of the household, with an address of their own: a member of their own.
                ImportColumn(
                    "partner_first_name", .text, ["prenom_partenaire", "prenom_du_partenaire"], stored: false),
                ImportColumn("partner_name", .text, ["nom_partenaire", "nom_du_partenaire"], stored: false),
                ImportColumn(
                    "partner_email", .email, ["email_partenaire", "e_mail_partenaire", "courriel_partenaire"],
                    stored: false),
                ImportColumn("partner_phone", .text, ["telephone_partenaire", "tel_partenaire"], stored: false),
            ]
        case .producers:
            return [
                ImportColumn("name", .text, ["name", "nom", "producteur", "productrice"], required: true),
                ImportColumn("farm", .text, ["farm", "ferme", "exploitation"]),
                ImportColumn("email", .email, ["email", "courriel", "e_mail", "mail"]),
            ]
        case .contracts:
            return [
                amap,
                ImportColumn("name", .text, ["name", "nom", "contrat"], required: true),
                ImportColumn("producer", .reference, ["producer", "producteur", "productrice"], required: true),
                ImportColumn("starts_on", .date, ["starts_on", "debut", "date_debut", "du"], required: true),
                ImportColumn("ends_on", .date, ["ends_on", "fin", "date_fin", "au"], required: true),
                ImportColumn(
                    "coordinator", .reference,
                    ["coordinator", "coordinateur", "coordinatrice", "referent", "referente"]),
                ImportColumn("relay_address", .email, ["relay_address", "adresse_relais", "relais"]),
                ImportColumn("order_url", .text, ["order_url", "lien_commande", "url_commande", "lien_de_commande"]),
            ]
        case .subscriptions:
            return [amap, member, memberName, contract]
        case .distributions:
            return [
                amap,
                ImportColumn("date", .date, ["date", "jour"]),
                ImportColumn(
                    "starts_at", .dateTime, ["starts_at", "debut", "heure_debut", "horaire", "start", "de"],
                    required: true),
                ImportColumn("ends_at", .dateTime, ["ends_at", "fin", "heure_fin", "end", "a"], required: true),
                ImportColumn("place", .text, ["place", "lieu", "adresse"], required: true),
                notes,
                ImportColumn("cancelled", .flag, ["cancelled", "annulee", "annule", "annulation"]),
                ImportColumn(
                    "duty_needed", .integer,
                    ["duty_needed", "benevoles", "benevoles_necessaires", "nb_benevoles", "permanents", "permanence"]),
            ]
        case .deliveries:
            return [amap, distribution, contract, notes]
        case .duties:
            return [amap, distribution, member, memberName, ImportColumn("role", .text, ["role", "tache", "poste"])]
        case .orderWindows:
            return [
                amap, contract,
                ImportColumn("opens_at", .dateTime, ["opens_at", "ouverture", "ouvre_le", "debut"], required: true),
                ImportColumn(
                    "closes_at", .dateTime, ["closes_at", "fermeture", "cloture", "ferme_le", "fin"], required: true),
                ImportColumn("distribution", .reference, ["distribution", "livraison", "date_distribution"]),
                ImportColumn("unavailable", .text, ["unavailable", "indisponible", "indisponibles", "pas_disponible"]),
                notes,
            ]
        case .orderLines:
            return [
                amap, contract,
                // CAMAP's orders of a distribution name no window: `--window` gives its closing day.
                ImportColumn(
                    "window", .reference, ["window", "closes_at", "fermeture", "cloture", "commande", "commande_du"]),
                // CAMAP's orders of one catalog name the member in a column `name`.
                member, ImportColumn("member_name", .reference, memberName.headers + ["name"], stored: false),
                ImportColumn("product", .text, ["product", "produit", "article", "productname"], required: true),
                // By weight, CAMAP writes "1.5": see `Importer.importOrderLine`.
                ImportColumn("quantity", .quantity, ["quantity", "quantite", "qte", "nombre", "nb"], required: true),
                ImportColumn(
                    "unit_price_cents", .money, ["unit_price", "prix_unitaire", "prix", "pu", "tarif", "price"],
                    required: true),
            ]
        case .payments:
            return [
                amap, member, memberName, contract,
                ImportColumn("amount_cents", .money, ["amount", "montant", "somme"], required: true),
                ImportColumn(
                    "received_on", .date,
                    ["received_on", "date", "recu_le", "date_reception", "encaisse_le", "date_de_paiement"],
                    required: true),
                ImportColumn("method", .text, ["method", "moyen", "mode", "mode_de_paiement", "moyen_de_paiement"]),
                ImportColumn(
                    "reference", .text,
                    ["reference", "ref", "numero", "numero_cheque", "n_cheque", "cheque", "numero_du_cheque"]),
                // Amapress's `Statut` (Non reçu, Reçu, Remis, Encaissé): only money received counts.
                ImportColumn("status", .text, ["status", "statut", "etat"], stored: false),
            ]
        }
    }
}

/// One column a table accepts: its name in the schema (or, for references, what it points at), the
/// value's kind and the headers that mean it.
public struct ImportColumn: Sendable {
    public enum Kind: Sendable {
        case text, email, date, dateTime, money, integer, flag
        /// A quantity that may have a decimal part (1,5 kg): read in thousandths.
        case quantity
        /// A row of another table, named as a person would: a member's email or name, a contract's
        /// name, a distribution's date and time. Resolved against the database.
        case reference
    }

    public var name: String
    public var kind: Kind
    public var headers: [String]
    public var required: Bool
    /// False for a column read to decide about a row (a payment's status), never written.
    public var stored: Bool
    /// A required column that another one can stand in for (a member's name for their email).
    public var unlessPresent: String?

    public init(
        _ name: String, _ kind: Kind, _ headers: [String], required: Bool = false, stored: Bool = true,
        unlessPresent: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.headers = headers
        self.required = required
        self.stored = stored
        self.unlessPresent = unlessPresent
    }
}

extension ImportColumn {
    /// The column as a French export names it, for messages: "Montant", not `amount_cents`.
    public var label: String {
        let labels = [
            "name": "Nom", "email": "Courriel", "phone": "Téléphone", "amount_cents": "Montant",
            "received_on": "Date de paiement", "unit_price_cents": "Prix unitaire", "quantity": "Quantité",
            "product": "Produit", "member": "Membre (courriel ou nom)", "contract": "Contrat", "starts_at": "Début",
            "ends_at": "Fin", "place": "Lieu", "opens_at": "Ouverture", "closes_at": "Clôture",
            "window": "Clôture de la commande", "distribution": "Distribution", "starts_on": "Du", "ends_on": "Au",
            "producer": "Producteur", "amap": "AMAP", "date": "Date", "role": "Rôle", "duty_needed": "Bénévoles",
            "cancelled": "Annulée", "active": "Actif", "first_name": "Prénom", "notes": "Notes", "status": "Statut",
            "method": "Moyen de paiement", "reference": "Numéro du chèque", "coordinator": "Référent",
            "relay_address": "Adresse relais", "order_url": "Lien commande", "farm": "Ferme",
            "timezone": "Fuseau horaire", "website": "Site web", "reply_to": "Répondre à",
            "unavailable": "Indisponible", "member_name": "Nom du membre",
        ]
        return labels[name] ?? name
    }
}
