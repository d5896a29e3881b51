import FacteurStore
import Foundation
import TestSupport
import Testing

/// `facteur import` on the messy spreadsheet exports committed in Tests/Fixtures/import.
@Suite struct ImportTests {
    static let fixtures = PackagePaths.root.appendingPathComponent("Tests/Fixtures/import")
    static let inOrder = [
        ("amaps", "01-amaps"), ("producers", "02-producteurs"), ("members", "03-adherents"),
        ("contracts", "04-contrats"), ("subscriptions", "05-abonnements"), ("distributions", "06-distributions"),
        ("deliveries", "07-livraisons"), ("duties", "08-permanences"), ("order_windows", "09-fenetres"),
        ("order_lines", "10-commandes"), ("payments", "11-paiements"),
    ]

    @Test("French exports (BOM, Windows-1252, ; and , separators, quoted line breaks) land in every table")
    func importsEverything() throws {
        let i = try Installation()
        for (table, file) in Self.inOrder {
            let result = try i.importFile(table, file)
            #expect(result.status == 0, "\(file): \(result.stdout)\(result.stderr)")
        }
        #expect(
            try i.rows("SELECT name, email, phone, active FROM member ORDER BY id") == [
                ["Camille Dupont", "camille@example.net", "06 12 34 56 78", "1"],
                ["Hélène Bérard", "Helene@Example.net", "NULL", "1"],
                ["Jérôme Nguyen", "jerome@example.net", "07 00 00 00 00", "0"],
                ["Lucie Moreau", "NULL", "01 23 45 67 89", "1"],
            ])
        #expect(try i.rows("SELECT name, farm FROM producer WHERE id = 2") == [["Éric Lefèvre", "La Cour de l'Œuf"]])
        #expect(
            try i.rows("SELECT name, starts_on, ends_on, coordinator_id, relay_address FROM contract ORDER BY id") == [
                ["Légumes", "2026-09-01", "2027-02-28", "2", "legumes@lilas.example.org"],
                ["Œufs", "2026-09-01", "2027-02-28", "NULL", "NULL"],
            ])
        #expect(
            try i.rows("SELECT starts_at, ends_at, place, cancelled, duty_needed FROM distribution ORDER BY id") == [
                ["2026-11-26 18:30", "2026-11-26 20:00", "Préau de l'école, 3 rue des Lilas", "0", "2"],
                ["2026-12-03 18:30", "2026-12-03 20:00", "Préau de l'école", "0", "2"],
                ["2026-12-10 18:30", "2026-12-10 20:00", "Salle des fêtes", "1", "0"],
            ])
        #expect(try i.rows("SELECT COUNT(*) FROM subscription") == [["4"]])
        #expect(
            try i.rows("SELECT product, quantity, unit_price_cents FROM order_line ORDER BY id") == [
                ["Boîte de 6 œufs", "2", "240"], ["Boîte de 12 œufs", "1", "450"],
            ])
        #expect(
            try i.rows("SELECT member_id, amount_cents, received_on, method, reference FROM payment ORDER BY id") == [
                ["1", "12000", "2026-09-05", "chèque", "1234567"], ["1", "123450", "2026-09-05", "virement", "NULL"],
                ["4", "450", "2026-11-26", "espèces", "NULL"],
            ])
        // The imported AMAP is one the daemon can plan for: check finds no bad row.
        let check = try i.run("check", "--offline")
        #expect(check.status == 0 && !check.stdout.contains("warning: distribution"), "\(check.stdout)")
    }

    @Test("importing the same files again changes nothing; an edited cell updates one row")
    func reimportIsIdempotent() throws {
        let i = try Installation()
        for (table, file) in Self.inOrder { _ = try i.importFile(table, file) }
        let before = try i.snapshot()
        for (table, file) in Self.inOrder {
            let again = try i.importFile(table, file)
            #expect(again.status == 0)
            #expect(again.stdout.contains(" : 0 ajouté, 0 modifié,"), "\(file): \(again.stdout)")
        }
        #expect(try i.snapshot() == before)
        let edited = i.dir.path("adherents.csv")
        try "Nom;Prénom;Courriel;Téléphone\nDupont;Camille;CAMILLE@example.net;06 99 99 99 99\n"
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let result = try i.run("import", "members", edited)
        #expect(result.stdout.contains("member : 0 ajouté, 1 modifié, 0 inchangé"), "\(result.stdout)")
        #expect(try i.rows("SELECT phone, active FROM member WHERE id = 1") == [["06 99 99 99 99", "1"]])
    }

    @Test("a corrected file updates, never doubles: a member without an address, a cheque, a time; a word stays apart")
    func corrections() throws {
        let i = try Installation()
        for (table, file) in Self.inOrder { #expect(try i.importFile(table, file).status == 0) }
        func load(_ table: String, _ text: String) throws -> ProcessOutput {
            let file = i.dir.path("\(table).csv")
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            return try i.run("import", table, file)
        }
        // The address column left empty: still Camille, her address kept, and she can be named by name.
        let member = try load("members", "Nom;Prénom;Courriel;Téléphone\nDupont;Camille;;06 11 11 11 11\n")
        #expect(member.stdout.contains("member : 0 ajouté, 1 modifié, 0 inchangé"), "\(member.stdout)")
        #expect(
            try i.rows("SELECT id, email, phone FROM member WHERE name LIKE '%Camille%'") == [
                ["1", "camille@example.net", "06 11 11 11 11"]
            ])
        #expect(try load("subscriptions", "Adhérent;Contrat\nCamille Dupont;Légumes\n").status == 0)
        // Typed without Œ or accents: « Œufs », « Éric Lefèvre ».
        let typed = try load("subscriptions", "Adhérent;Contrat\nCamille Dupont;OEUFS\n")
        #expect(typed.status == 0, "\(typed.stdout)")
        let contract = try load(
            "contracts", "Contrat;Producteur;Du;Au\nOeufs;eric lefevre;01/09/2026;28/02/2027\n")
        #expect(contract.stdout.contains("contract : 0 ajouté"), "\(contract.stdout)\(contract.stderr)")
        // The same with its relay address, which is its own, not another contract's.
        let relay = try load(
            "contracts",
            "Contrat;Producteur;Du;Au;Adresse relais\nLegumes;Julie Martin;01/09/2026;28/02/2027;legumes@lilas.example.org\n")
        #expect(relay.stdout.contains("contract : 0 ajouté"), "\(relay.stdout)")
        let producer = try load("producers", "Producteur;Ferme;Courriel\nEric Lefevre;La Cour de l'Oeuf;eric@example.net\n")
        #expect(producer.stdout.contains("producer : 0 ajouté, 1 modifié"), "\(producer.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM producer") == [["2"]])
        // Cheque 1234567 was 120,00 € on 05/09: the treasurer corrects both.
        let cheque = try load(
            "payments",
            "Adhérent;Contrat;Montant;Date;Mode;N° chèque\ncamille@example.net;Légumes;125,00 €;06/09/2026;chèque;1234567\n")
        #expect(cheque.stdout.contains("payment : 0 ajouté, 1 modifié"), "\(cheque.stdout)")
        #expect(cheque.stdout.contains("le paiement n° 1234567 est corrigé"), "\(cheque.stdout)")
        #expect(
            try i.rows("SELECT amount_cents, received_on FROM payment WHERE reference = '1234567'") == [
                ["12500", "2026-09-06"]
            ])
        // A monthly transfer named by a word: September's and October's are two payments.
        for day in ["05/09/2026", "05/10/2026"] {
            let monthly = try load(
                "payments",
                "Adhérent;Contrat;Montant;Date;Mode;Référence\ncamille@example.net;Légumes;30,00 €;\(day);virement;mensuel\n")
            #expect(monthly.stdout.contains("payment : 1 ajouté"), "\(monthly.stdout)")
        }
        #expect(try i.rows("SELECT COUNT(*) FROM payment WHERE reference = 'mensuel'") == [["2"]])
        // A direct debit's mandate number comes back every month: two payments, never one overwritten.
        for day in ["05/09/2026", "05/10/2026"] {
            let debit = try load(
                "payments",
                "Adhérent;Contrat;Montant;Date;Mode;Référence\ncamille@example.net;Œufs;3,00;\(day);prélèvement;555555\n")
            #expect(debit.stdout.contains("payment : 1 ajouté"), "\(debit.stdout)")
        }
        // A cheque's number typed with a space is the same cheque.
        let spaced = try load(
            "payments",
            "Adhérent;Contrat;Montant;Date;Mode;N° chèque\ncamille@example.net;Légumes;125,00 €;06/09/2026;Chq;123 4567\n")
        #expect(spaced.stdout.contains("payment : 0 ajouté, 1 modifié"), "\(spaced.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM payment WHERE replace(reference, ' ', '') = '1234567'") == [["1"]])
        // Amapress writes no method, but its column says « Numéro du chèque »: a corrected cheque is still one.
        for amount in ["60,00", "65,00"] {
            _ = try load(
                "payments",
                "Adhérent;Contrat;Montant;Date;Numéro du chèque\ncamille@example.net;Légumes;\(amount);07/09/2026;7654321\n")
        }
        #expect(try i.rows("SELECT amount_cents FROM payment WHERE reference = '7654321'") == [["6500"]])
        // The same member twice in one file (with and without an address) is refused, not merged into one.
        let twice = try load(
            "members", "Nom;Prénom;Courriel;Actif\nDupont;Camille;camille@example.net;oui\nDUPONT;camille;;non\n")
        #expect(twice.status == 65 && twice.stdout.contains("répète la ligne 2 (même membre)"), "\(twice.stdout)")
        #expect(try i.rows("SELECT active FROM member WHERE id = 1") == [["1"]])
        // Names without a Latin letter have no words to compare: 王芳 is not Иван Петров.
        #expect(try load("members", "Nom;Courriel\nИван Петров;ivan@example.net\n").status == 0)
        let other = try load("members", "Nom;Courriel\n王芳;\n")
        #expect(other.stdout.contains("member : 1 ajouté"), "\(other.stdout)")
        // Only partly Latin: Ольга Petrov is not Иван Petrov. And ł is an l: Pawel Nowak is Paweł Nowak.
        #expect(try load("members", "Nom;Courriel\nИван Petrov;ivan.p@example.net\nPaweł Nowak;pawel@example.net\n").status == 0)
        let partly = try load("members", "Nom;Courriel\nОльга Petrov;\nPawel NOWAK;\n")
        #expect(partly.stdout.contains("member : 1 ajouté, 1 modifié"), "\(partly.stdout)")
        #expect(try i.rows("SELECT email FROM member WHERE name = 'Pawel NOWAK'") == [["pawel@example.net"]])
        // A contract that does not exist is refused, not taken for one whose name it starts with.
        let half = try load("subscriptions", "Adhérent;Contrat\ncamille@example.net;Légumes ½\n")
        #expect(half.status == 65 && half.stdout.contains("aucun contrat « Légumes ½ »"), "\(half.stdout)")
        // The 26/11 distribution was at 18:30; the file now says 18:00: the same distribution, moved.
        let moved = try load(
            "distributions",
            "Date;Début;Fin;Lieu;Bénévoles\n26/11/2026;18h00;20h00;\"Préau de l'école, 3 rue des Lilas\";2\n")
        #expect(moved.stdout.contains("distribution : 0 ajouté, 1 modifié"), "\(moved.stdout)")
        #expect(moved.stdout.contains("la distribution du 26/11/2026 change d'heure : 18:00"), "\(moved.stdout)")
        #expect(
            try i.rows("SELECT id, starts_at FROM distribution WHERE starts_at LIKE '2026-11-26%'") == [
                ["1", "2026-11-26 18:00"]
            ])
        // Two distributions the same day in the file are two distributions: nothing is guessed.
        let two = try load(
            "distributions", "Date;Début;Fin;Lieu\n03/12/2026;17h00;18h00;Marché\n03/12/2026;19h00;20h00;Préau\n")
        #expect(two.stdout.contains("distribution : 2 ajoutés"), "\(two.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM distribution WHERE starts_at LIKE '2026-12-03%'") == [["3"]])
        // Another place the same day is another distribution; so is the replacement of a cancelled one.
        let market = try load("distributions", "Date;Début;Fin;Lieu\n26/11/2026;10h00;12h00;Marché du samedi\n")
        #expect(market.stdout.contains("distribution : 1 ajouté"), "\(market.stdout)")
        let replacement = try load("distributions", "Date;Début;Fin;Lieu\n10/12/2026;10h00;12h00;Salle des fêtes\n")
        #expect(replacement.stdout.contains("distribution : 1 ajouté"), "\(replacement.stdout)")
        #expect(try i.rows("SELECT starts_at, cancelled FROM distribution WHERE id IN (1, 3) ORDER BY id") == [
            ["2026-11-26 18:00", "0"], ["2026-12-10 18:30", "1"],
        ])
        // The replacement's own time corrected: moved, not a third distribution (the cancelled one does not count).
        let replaced = try load("distributions", "Date;Début;Fin;Lieu\n10/12/2026;10h30;12h00;Salle des fêtes\n")
        #expect(replaced.stdout.contains("distribution : 0 ajouté, 1 modifié"), "\(replaced.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM distribution WHERE starts_at LIKE '2026-12-10%'") == [["2"]])
        #expect(try i.rows("SELECT COUNT(*) FROM member") == [["9"]])
    }

    @Test("a member list pasted from a UTF-8 and a Windows-1252 export keeps every accent and names the lines")
    func mixedEncodings() throws {
        let i = try Installation()
        #expect(try i.importFile("amaps", "01-amaps").status == 0)
        let file = i.dir.path("melange.csv")
        let bytes =
            Array("Nom;Prénom;Courriel\nBérard;Hélène;helene@example.net\n".utf8)
            + Array("Martin;L".utf8) + [0xE9] + Array("a;lea@example.net\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let result = try i.run("import", "members", file)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("UTF-8 + Windows-1252"), "\(result.stdout)")
        #expect(result.stdout.contains("1 ligne en Windows-1252 (3), le reste en UTF-8"), "\(result.stdout)")
        #expect(try i.rows("SELECT name FROM member ORDER BY id") == [["Hélène Bérard"], ["Léa Martin"]])
    }

    @Test("a file too large to be an AMAP's list is refused before it is read, saying its size and what to do")
    func tooLarge() throws {
        let i = try Installation()
        let file = i.dir.path("enorme.csv")
        #expect(FileManager.default.createFile(atPath: file, contents: Data("Nom;Courriel\n".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.truncate(atOffset: 17 << 20)  // sparse: nothing is written to the disk
        try handle.close()
        let result = try i.run("import", "members", file)
        #expect(result.status == 65)
        #expect(result.stdout.contains("trop gros (17,0 Mio, au plus 16 Mio) : importez-le en plusieurs fichiers"))
    }

    @Test("mistakes are named by line and column, every one in one pass, and nothing is written")
    func errorsNameLineAndColumn() throws {
        let i = try Installation()
        for (table, file) in Self.inOrder { _ = try i.importFile(table, file) }
        let before = try i.snapshot()
        let distributions = try i.importFile("distributions", "12-distributions-errors")
        #expect(distributions.status == 65)
        let d = Self.fixtures.appendingPathComponent("12-distributions-errors.csv").path
        let expectedDistributions = [
            "\(d):2: colonne 1 « Date » : « 31/02/2026 » n'est pas une date (attendu : 26/11/2026)",
            "\(d):3: colonne 3 « Fin » : « 2026-11-26 17:00 » vient avant « 2026-11-26 18:30 »",
            "\(d):4: colonne 4 « Lieu » : est vide",
            "\(d):4: colonne 5 « Bénévoles » : « deux » n'est pas un nombre entier",
            "\(d):4: colonne 6 « Annulée » : « peut-être » n'est ni oui ni non",
            "5 problèmes : rien n'a été importé",
        ]
        #expect(
            Array(distributions.stdout.split(separator: "\n").map(String.init).dropFirst()) == expectedDistributions)
        let payments = try i.importFile("payments", "13-paiements-errors")
        #expect(payments.status == 65)
        let p = Self.fixtures.appendingPathComponent("13-paiements-errors.csv").path
        let expectedPayments = [
            "\(p):2: colonne 1 « Adhérent » : aucun membre « inconnu@example.net » dans cette AMAP (importez d'abord les membres)",
            "\(p):3: colonne 2 « Contrat » : aucun contrat « Fromages » dans cette AMAP (importez d'abord les contrats)",
            "\(p):4: colonne 3 « Montant » : « douze euros » n'est pas un montant (attendu : 12,50 €)",
            "\(p):6: répète la ligne 5 (même membre, contrat, date, montant et numéro : ajoutez un numéro pour les distinguer)",
            "4 problèmes : rien n'a été importé",
        ]
        #expect(Array(payments.stdout.split(separator: "\n").map(String.init).dropFirst()) == expectedPayments)
        let header = try i.importFile("members", "14-adherents-no-email-column")
        #expect(header.status == 65)
        #expect(header.stdout.contains(":1: il manque la colonne « Nom »"), "\(header.stdout)")
        // Line 5 of the payments file was valid on its own: it was not written either.
        #expect(try i.snapshot() == before)
        #expect(try i.run("import", "fromages", "x.csv").status == 64)
        #expect(try i.run("import", "members", i.dir.path("missing.csv")).status == 66)
    }
}

/// Exports of the tools AMAPs use, as their code writes them (issue 14; see docs/decisions.md).
@Suite struct ToolExportTests {
    static let tools = ImportTests.fixtures.appendingPathComponent("tools")

    /// The AMAP, its producers and CAMAP's catalog « Œufs » as a contract: what CAMAP's exports refer to.
    static func camapAmap(_ i: Installation) throws {
        for (table, file) in [("amaps", "01-amaps"), ("producers", "02-producteurs")] {
            #expect(try i.importFile(table, file).status == 0)
        }
        #expect(
            try i.importText("contracts", "Contrat;Producteur;Du;Au\nŒufs;Éric Lefèvre;01/09/2026;28/02/2027\n").status
                == 0)
    }

    func importTool(_ i: Installation, _ table: String, _ file: String) throws -> ProcessOutput {
        try i.run("import", table, Self.tools.appendingPathComponent(file).path)
    }

    @Test("AMAPJ's member list: two title lines above the header, ACTIF/INACTIF, a placeholder for no address")
    func amapj() throws {
        let i = try Installation()
        #expect(try i.importFile("amaps", "01-amaps").status == 0)
        let result = try importTool(i, "members", "amapj-adherents.csv")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("« lucie# » est la marque d'AMAPJ pour « pas d'adresse »"), "\(result.stdout)")
        #expect(
            try i.rows("SELECT name, email, phone, active FROM member ORDER BY id") == [
                ["Camille DUPONT", "camille@example.net", "06 12 34 56 78", "1"],
                ["Jérôme NGUYEN", "jerome@example.net", "NULL", "0"],
                ["Lucie MOREAU", "NULL", "01 23 45 67 89", "1"],
            ])
    }

    @Test("payments with a status: a cheque not received is left out and said so; received ones count")
    func paymentStatus() throws {
        let i = try Installation()
        for (table, file) in ImportTests.inOrder.prefix(5) {
            #expect(try i.importFile(table, file).status == 0)
        }
        let result = try importTool(i, "payments", "amapress-paiements.csv")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout.contains("amapress-paiements.csv:3: ligne laissée de côté : statut « non reçu »"),
            "\(result.stdout)")
        #expect(
            try i.rows("SELECT amount_cents, received_on FROM payment ORDER BY received_on") == [
                ["12000", "2026-09-05"], ["6000", "2026-11-05"],
            ])
    }

    @Test("workbooks are read directly: Excel's .xlsx, LibreOffice's .ods, AMAPJ's .xls with its title lines")
    func workbooks() throws {
        for file in ["adherents.xlsx", "adherents.ods"] {
            let i = try Installation()
            #expect(try i.importFile("amaps", "01-amaps").status == 0)
            let result = try importTool(i, "members", file)
            #expect(result.status == 0, "\(file): \(result.stdout)")
            #expect(
                result.stdout.contains("2 lignes, classeur .\(file.split(separator: ".").last!)"), "\(result.stdout)")
            #expect(
                try i.rows("SELECT name, email, phone, active FROM member ORDER BY id") == [
                    ["Camille Dupont", "camille@example.net", "06 12 34 56 78", "1"],
                    ["Jérôme Nguyen", "jerome@example.net", "NULL", "0"],
                ], "\(file)")
        }
        // AMAPJ's .xls (through libfreexl) gives the same members as its CSV, title lines skipped.
        let i = try Installation()
        #expect(try i.importFile("amaps", "01-amaps").status == 0)
        let result = try importTool(i, "members", "amapj-adherents.xls")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("amapj-adherents.xls:6: ligne laissée de côté : « lucie# »"), "\(result.stdout)")
        #expect(
            try i.rows("SELECT name, email, phone, active FROM member ORDER BY id") == [
                ["Camille DUPONT", "camille@example.net", "06 12 34 56 78", "1"],
                ["Jérôme NGUYEN", "jerome@example.net", "NULL", "0"],
                ["Lucie MOREAU", "NULL", "01 23 45 67 89", "1"],
            ])
    }

    @Test(
        "Amapress's users export (.xlsx only): of its two « Nom » columns the family name is taken; a phone typed as a number gets its 0 back"
    )
    func amapressUsers() throws {
        let i = try Installation()
        #expect(try i.importFile("amaps", "01-amaps").status == 0)
        let result = try importTool(i, "members", "amapress-utilisateurs.xlsx")
        #expect(result.status == 0, "\(result.stdout)")
        #expect(!result.stdout.contains("veut dire la même chose"), "\(result.stdout)")
        #expect(
            try i.rows("SELECT name, email, phone FROM member ORDER BY id") == [
                ["Camille Dupont", "camille@example.net", "06 12 34 56 78"],
                ["Jérôme Nguyen", "jerome@example.net", "0612345678"],
                ["Alix Moreau", "a.moreau@example.net", "NULL"],
            ])
        // The same file again changes nothing.
        #expect(
            try importTool(i, "members", "amapress-utilisateurs.xlsx").stdout.contains(
                "0 ajouté, 0 modifié, 3 inchangés"))
    }

    @Test("a damaged workbook, a password-protected one, or an .xls that is not one: a clear line, nothing written")
    func damagedWorkbooks() throws {
        let i = try Installation()
        #expect(try i.importFile("amaps", "01-amaps").status == 0)
        let before = try i.snapshot()
        let xlsx = try Data(contentsOf: Self.tools.appendingPathComponent("adherents.xlsx"))
        let cut = i.dir.path("coupé.xlsx")
        try xlsx.prefix(xlsx.count - 200).write(to: URL(fileURLWithPath: cut))
        let damaged = try i.run("import", "members", cut)
        #expect(damaged.status == 65)
        #expect(damaged.stdout.contains("coupé.xlsx:1: ce classeur est abîmé"), "\(damaged.stdout)")
        // OLE2's signature followed by garbage: libfreexl refuses it and the volunteer is told what to do.
        let fake = i.dir.path("faux.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0x41, count: 3000)).write(
            to: URL(fileURLWithPath: fake))
        let refused = try i.run("import", "members", fake)
        #expect(refused.status == 65)
        #expect(refused.stdout.contains("faux.xls:1: ce classeur est abîmé"), "\(refused.stdout)")
        #expect(try i.snapshot() == before)
    }

    @Test(
        "CAMAP's exports exactly as camap-hx writes them (quoted cells, « DUPONT Camille / Sami », 2,40, no contract column) import; camap-ts's attendance sheets are refused with what to export instead"
    )
    func camapBothCodeBases() throws {
        let i = try Installation()
        try Self.camapAmap(i)
        #expect(try importTool(i, "members", "camap-adherents.csv").status == 0)
        let subscriptions = try importTool(i, "subscriptions", "camap-hx-souscriptions.csv")
        #expect(subscriptions.status == 0, "\(subscriptions.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM subscription") == [["2"]])
        #expect(
            try i.importText("order_windows", "Contrat;Ouverture;Clôture\nŒufs;16/11/2026 08:00;23/11/2026 20:00\n")
                .status == 0)
        // The orders of a day: the member is before the slash, the partner's first name after it.
        let day = try i.run(
            "import", "order_lines", Self.tools.appendingPathComponent("camap-hx-commandes.csv").path, "--window",
            "23/11/2026")
        #expect(day.status == 0, "\(day.stdout)")
        #expect(
            try i.rows(
                "SELECT m.name, l.product, l.quantity, l.unit_price_cents FROM order_line l JOIN member m ON m.id = l.member_id ORDER BY l.id"
            ) == [
                ["Camille DUPONT", "Œufs plein air (boîte de 6)", "2", "240"],
                ["Jérôme NGUYEN", "Poulet fermier (kg) (1,5)", "1", "1875"],
            ])
        // The orders of one catalog name no contract: --contract gives it; the same orders change nothing.
        let catalog = Self.tools.appendingPathComponent("camap-hx-commandes-catalogue.csv").path
        let refused = try i.run("import", "order_lines", catalog, "--window", "23/11/2026")
        #expect(refused.status == 65)
        #expect(refused.stdout.contains("il manque la colonne « Contrat »"), "\(refused.stdout)")
        let given = try i.run("import", "order_lines", catalog, "--window", "23/11/2026", "--contract", "Œufs")
        #expect(given.status == 0, "\(given.stdout)")
        #expect(given.stdout.contains("0 ajouté, 0 modifié, 2 inchangés"), "\(given.stdout)")
        // camap-ts's attendance sheets: title lines, « , », abbreviated names: refused, with the way out.
        let before = try i.snapshot()
        for (table, file) in [
            ("subscriptions", "camap-ts-souscriptions.csv"), ("order_lines", "camap-ts-commandes.csv"),
        ] {
            let sheet = try i.run(
                "import", table, Self.tools.appendingPathComponent(file).path, "--window", "23/11/2026")
            #expect(sheet.status == 65, "\(file)")
            #expect(sheet.stdout.contains("\(file):5: c'est une feuille d'émargement de CAMAP"), "\(sheet.stdout)")
            #expect(sheet.stdout.contains("exportez plutôt"))
        }
        #expect(try i.snapshot() == before)
    }

    @Test("CAMAP's member list, subscriptions and orders import as they come: partner, « DUPONT Camille », 1.5 kg")
    func camap() throws {
        let i = try Installation()
        try Self.camapAmap(i)
        let members = try importTool(i, "members", "camap-adherents.csv")
        #expect(members.status == 0, "\(members.stdout)")
        #expect(members.stdout.contains("partenaire « Sami DUPONT » importé comme membre"), "\(members.stdout)")
        #expect(
            try i.rows("SELECT name, email, phone FROM member ORDER BY id") == [
                ["Camille DUPONT", "camille@example.net", "06 12 34 56 78"],
                ["Sami DUPONT", "sami@example.net", "06 98 76 54 32"],
                ["Jérôme NGUYEN", "jerome@example.net", "NULL"],
            ])
        // Again: nothing changes, the partner is not added twice.
        #expect(try importTool(i, "members", "camap-adherents.csv").stdout.contains("0 ajouté, 0 modifié, 3 inchangés"))
        // Subscriptions: by userEmail, or by userName written "NOM Prénom" when the email is empty.
        let subscriptions = try importTool(i, "subscriptions", "camap-souscriptions.csv")
        #expect(subscriptions.status == 0, "\(subscriptions.stdout)")
        #expect(
            try i.rows(
                "SELECT m.name, c.name FROM subscription s JOIN member m ON m.id = s.member_id JOIN contract c ON c.id = s.contract_id ORDER BY m.id"
            ) == [["Camille DUPONT", "Œufs"], ["Jérôme NGUYEN", "Œufs"]])
        // Orders of a distribution name no window: without --window the file is refused and says what to do.
        #expect(
            try i.importText("order_windows", "Contrat;Ouverture;Clôture\nŒufs;16/11/2026 08:00;23/11/2026 20:00\n")
                .status == 0)
        let orders = Self.tools.appendingPathComponent("camap-commandes.csv").path
        let refused = try i.run("import", "order_lines", orders)
        #expect(refused.status == 65)
        #expect(refused.stdout.contains("donnez --window 26/11/2026"), "\(refused.stdout)")
        let imported = try i.run("import", "order_lines", orders, "--window", "23/11/2026")
        #expect(imported.status == 0, "\(imported.stdout)")
        // 1.5 kg at 12,50 € is one line at 18,75 €: money stays exact, and the file is told.
        #expect(
            imported.stdout.contains("quantité 1,5 de « Poulet fermier (kg) » comptée comme 1 × 18,75"),
            "\(imported.stdout)")
        #expect(
            try i.rows("SELECT product, quantity, unit_price_cents FROM order_line ORDER BY id") == [
                ["Œufs plein air (boîte de 6)", "2", "240"], ["Poulet fermier (kg) (1,5)", "1", "1875"],
            ])
        let again = try i.run("import", "order_lines", orders, "--window", "23/11/2026")
        #expect(again.stdout.contains("0 ajouté, 0 modifié, 2 inchangés"), "\(again.stdout)")
        // A corrected export (1.6 kg) updates the weighed line; it never adds a second one.
        let corrected = try String(contentsOfFile: orders, encoding: .utf8).replacingOccurrences(
            of: ";1.5;", with: ";1.6;")
        let path = i.dir.path("camap-commandes-corrigees.csv")
        try corrected.write(toFile: path, atomically: true, encoding: .utf8)
        let fixed = try i.run("import", "order_lines", path, "--window", "23/11/2026")
        #expect(fixed.stdout.contains("0 ajouté, 1 modifié, 1 inchangé"), "\(fixed.stdout)")
        #expect(
            try i.rows("SELECT product, unit_price_cents FROM order_line ORDER BY id") == [
                ["Œufs plein air (boîte de 6)", "240"], ["Poulet fermier (kg) (1,6)", "2000"],
            ])
    }

    @Test(
        "--sync: a member who left becomes inactive and their subscription ends; --dry-run shows it and writes nothing")
    func sync() throws {
        let i = try Installation()
        try Self.camapAmap(i)
        let everyone = "Nom;Prénom;Courriel\nDupont;Camille;camille@example.net\nNguyen;Jérôme;jerome@example.net\n"
        #expect(try i.importText("members", everyone).status == 0)
        #expect(
            try i.importText("subscriptions", "Courriel;Contrat\ncamille@example.net;Œufs\njerome@example.net;Œufs\n")
                .status == 0)
        let before = try i.snapshot()
        // Jérôme left: the new list names Camille only.
        let preview = try i.importText(
            "members", "Nom;Prénom;Courriel\nDupont;Camille;camille@example.net\n", ["--sync", "--dry-run"])
        #expect(preview.status == 0, "\(preview.stdout)")
        #expect(preview.stdout.contains("absent du fichier : « Jérôme Nguyen » devient inactif"), "\(preview.stdout)")
        #expect(try i.snapshot() == before)
        let synced = try i.importText(
            "members", "Nom;Prénom;Courriel\nDupont;Camille;camille@example.net\n", ["--sync"])
        #expect(synced.status == 0)
        #expect(
            try i.rows("SELECT name, active FROM member ORDER BY id") == [
                ["Camille Dupont", "1"], ["Jérôme Nguyen", "0"],
            ])
        let subscriptions = try i.importText(
            "subscriptions", "Courriel;Contrat\ncamille@example.net;Œufs\n", ["--sync"])
        #expect(
            subscriptions.stdout.contains("l'abonnement de « Jérôme Nguyen » au contrat « Œufs » prend fin"),
            "\(subscriptions.stdout)")
        #expect(try i.rows("SELECT member_id FROM subscription") == [["1"]])
        // Under --sync, a known name with a new address is refused, not made a second member.
        let moved = try i.importText(
            "members", "Nom;Prénom;Courriel\nDupont;Camille;camille.nouvelle@example.net\n", ["--sync"])
        #expect(moved.status == 65)
        #expect(
            moved.stdout.contains("« Camille Dupont » est déjà membre avec l'adresse camille@example.net"),
            "\(moved.stdout)")
        #expect(try i.rows("SELECT COUNT(*) FROM member")[0] == ["2"])
        // Without --sync, an import only adds and updates.
        #expect(try i.importText("members", "Nom;Prénom;Courriel\nDupont;Camille;camille@example.net\n").status == 0)
        #expect(try i.run("import", "payments", i.dir.path("members.csv"), "--sync").status == 64)
    }
}
