/// Tables the daemon owns (prefixed `facteur_`). Times are Unix seconds (UTC) for cheap comparison.
enum DaemonSchema {
    static let version2 = """
        CREATE TABLE IF NOT EXISTS facteur_outbox (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            amap_id INTEGER,
            member_id INTEGER,
            distribution_id INTEGER,
            recipient TEXT NOT NULL,
            recipient_name TEXT NOT NULL DEFAULT '',
            envelope_from TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL,
            thread_key TEXT,
            body BLOB,
            state TEXT NOT NULL CHECK (state IN
                ('queued', 'sending', 'sent', 'uncertain', 'failed', 'expired', 'quarantined')),
            version TEXT,
            sequence INTEGER NOT NULL DEFAULT 0,
            timezone TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            late_until INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            recoveries INTEGER NOT NULL DEFAULT 0,
            sent_at INTEGER,
            smtp_code INTEGER,
            last_error TEXT
        );
        CREATE INDEX IF NOT EXISTS facteur_outbox_pending ON facteur_outbox (state, next_attempt_at);
        CREATE INDEX IF NOT EXISTS facteur_outbox_distribution ON facteur_outbox (distribution_id, member_id);
        CREATE INDEX IF NOT EXISTS facteur_outbox_message_id ON facteur_outbox (message_id);
        CREATE TABLE IF NOT EXISTS facteur_sender (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            paused_until INTEGER,
            pause_reason TEXT,
            pause_level INTEGER NOT NULL DEFAULT 0,
            connection_failures INTEGER NOT NULL DEFAULT 0
        );
        INSERT OR IGNORE INTO facteur_sender (id) VALUES (1);
        CREATE TABLE IF NOT EXISTS facteur_report (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL,
            amap_id INTEGER,
            subject TEXT NOT NULL,
            detail TEXT NOT NULL,
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            UNIQUE (category, subject, detail)
        );
        """

    /// Outbox rows indexed by what they are about (`d42`, `w5`, `b7-3`, `c3`: the key's second part), so
    /// the planner's memory is one indexed lookup whatever the kind; debts in progress for negative_balance.
    static let version3 = """
        ALTER TABLE facteur_outbox ADD COLUMN topic TEXT NOT NULL DEFAULT '';
        UPDATE facteur_outbox SET topic = substr(key, instr(key, '/') + 1,
            instr(substr(key, instr(key, '/') + 1) || '/', '/') - 1);
        CREATE INDEX IF NOT EXISTS facteur_outbox_topic ON facteur_outbox (topic);
        CREATE INDEX IF NOT EXISTS facteur_outbox_updated ON facteur_outbox (updated_at);
        CREATE TABLE IF NOT EXISTS facteur_debt (
            member_id INTEGER NOT NULL,
            contract_id INTEGER NOT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (member_id, contract_id)
        );
        """

    /// Messages that came to a relay address, stored before they are acknowledged; `dedupe` makes the
    /// same message seen twice (MTA retry, IMAP re-fetch) one row. IMAP positions per mailbox.
    static let version4 = """
        CREATE TABLE IF NOT EXISTS facteur_inbound (
            id INTEGER PRIMARY KEY,
            received_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            recipient TEXT NOT NULL,
            sender TEXT NOT NULL DEFAULT '',
            sender_name TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            message_id TEXT,
            dedupe TEXT NOT NULL UNIQUE,
            raw BLOB NOT NULL,
            size INTEGER NOT NULL,
            contract_id INTEGER,
            state TEXT NOT NULL CHECK (state IN
                ('received', 'relayed', 'held', 'approved', 'rejected', 'ignored', 'refused', 'bounce', 'unsubscribed')),
            reason TEXT,
            imap_uidvalidity INTEGER,
            imap_uid INTEGER,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS facteur_inbound_state ON facteur_inbound (state);
        CREATE TABLE IF NOT EXISTS facteur_imap (
            mailbox TEXT PRIMARY KEY,
            uidvalidity INTEGER NOT NULL,
            last_uid INTEGER NOT NULL
        );
        """

    /// The schedule reader selects distributions and order windows by time: indexes on those columns keep
    /// a tick's cost independent of how many seasons the database holds.
    static let version5 = """
        CREATE INDEX IF NOT EXISTS distribution_starts_at ON distribution (starts_at);
        CREATE INDEX IF NOT EXISTS distribution_malformed ON distribution ((starts_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'));
        CREATE INDEX IF NOT EXISTS order_window_closes_at ON order_window (closes_at);
        CREATE INDEX IF NOT EXISTS order_window_malformed ON order_window
            ((closes_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' AND opens_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'));
        CREATE INDEX IF NOT EXISTS order_window_contract ON order_window (contract_id);
        CREATE INDEX IF NOT EXISTS facteur_inbound_message_id ON facteur_inbound (message_id);
        """

    /// Retention (RGPD) finds the finished messages that still hold a copy through partial indexes, so
    /// the pass costs nothing once older copies are gone, however many years of rows remain.
    static let version6 = """
        CREATE INDEX IF NOT EXISTS facteur_outbox_retained ON facteur_outbox (updated_at) WHERE body IS NOT NULL;
        CREATE INDEX IF NOT EXISTS facteur_inbound_retained ON facteur_inbound (updated_at) WHERE raw != X'';
        CREATE INDEX IF NOT EXISTS facteur_report_last_seen ON facteur_report (last_seen);
        """

    /// Private calendar feeds: one unguessable name per member, kept from one `publish` to the next so a
    /// subscribed calendar keeps working; removed by `forget`.
    static let version7 = """
        CREATE TABLE IF NOT EXISTS facteur_feed (
            member_id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL
        );
        """

    /// `retry.max_age_hours` counts from the first failed attempt, not from the row's creation: a
    /// message queued while the daemon was stopped has not failed yet (DESIGN §3).
    static let version8 = """
        ALTER TABLE facteur_outbox ADD COLUMN first_failed_at INTEGER;
        """

    /// Rows whose time cannot be a real one (`2026-13-45`, `0000-01-01`, NULL, a number) fall outside every
    /// time range the reader selects, yet must be reported at every tick: these partial indexes hold just
    /// them, so finding them costs nothing however large the tables are.
    /// The same for payments and order lines whose amounts Facteur cannot use (see `BalanceQuery`).
    static let version9 = """
        CREATE INDEX IF NOT EXISTS distribution_implausible ON distribution (id) WHERE \(ImplausibleTime.distribution);
        CREATE INDEX IF NOT EXISTS order_window_implausible ON order_window (id) WHERE \(ImplausibleTime.orderWindow);
        CREATE INDEX IF NOT EXISTS payment_unusable ON payment (id) WHERE NOT (\(BalanceQuery.usablePayment));
        CREATE INDEX IF NOT EXISTS order_line_unusable ON order_line (id) WHERE NOT (\(BalanceQuery.usableLine));
        """

    /// Mail by itself (DESIGN §4–§5): the secret that signs tokens (created here, once, by `init`: 256 random
    /// bits from SQLite's generator), opt-outs of one contract's relay (the published `preference` table has
    /// one row per kind, so `relay` there means every contract), and the states of requests and answers
    /// received at an AMAP's Facteur address (the inbound table is rebuilt to widen its CHECK).
    static let version10 = """
        INSERT OR IGNORE INTO facteur_meta (key, value) VALUES ('token_secret', lower(hex(randomblob(32))));
        CREATE TABLE IF NOT EXISTS facteur_relay_optout (
            member_id INTEGER NOT NULL,
            contract_id INTEGER NOT NULL,
            since INTEGER NOT NULL,
            PRIMARY KEY (member_id, contract_id)
        );
        CREATE TABLE IF NOT EXISTS facteur_duty_withdrawal (
            id INTEGER PRIMARY KEY,
            distribution_id INTEGER NOT NULL,
            member_id INTEGER NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS facteur_duty_withdrawal_distribution ON facteur_duty_withdrawal (distribution_id);
        CREATE TABLE facteur_inbound_v10 (
            id INTEGER PRIMARY KEY,
            received_at INTEGER NOT NULL,
            source TEXT NOT NULL,
            recipient TEXT NOT NULL,
            sender TEXT NOT NULL DEFAULT '',
            sender_name TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            message_id TEXT,
            dedupe TEXT NOT NULL UNIQUE,
            raw BLOB NOT NULL,
            size INTEGER NOT NULL,
            contract_id INTEGER,
            state TEXT NOT NULL CHECK (state IN (\(InboundState.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")))),
            reason TEXT,
            imap_uidvalidity INTEGER,
            imap_uid INTEGER,
            updated_at INTEGER NOT NULL
        );
        INSERT INTO facteur_inbound_v10 SELECT id, received_at, source, recipient, sender, sender_name, subject,
            message_id, dedupe, raw, size, contract_id, state, reason, imap_uidvalidity, imap_uid, updated_at
            FROM facteur_inbound;
        DROP TABLE facteur_inbound;
        ALTER TABLE facteur_inbound_v10 RENAME TO facteur_inbound;
        CREATE INDEX IF NOT EXISTS facteur_inbound_state ON facteur_inbound (state);
        CREATE INDEX IF NOT EXISTS facteur_inbound_message_id ON facteur_inbound (message_id);
        CREATE INDEX IF NOT EXISTS facteur_inbound_retained ON facteur_inbound (updated_at) WHERE raw != X'';
        CREATE INDEX IF NOT EXISTS facteur_outbox_announced ON facteur_outbox (late_until)
            WHERE kind = 'announcement' AND state = 'sent';
        """

    /// What each volunteer answered by mail, and when: the coordinator's digest lists the day's answers.
    static let version11 = """
        CREATE TABLE IF NOT EXISTS facteur_duty_answer (
            id INTEGER PRIMARY KEY,
            distribution_id INTEGER NOT NULL,
            member_id INTEGER NOT NULL,
            answer TEXT NOT NULL CHECK (answer IN ('joined', 'already', 'full', 'withdrawn', 'closed')),
            answered_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS facteur_duty_answer_at ON facteur_duty_answer (answered_at);
        """

    /// Rendered bodies move to a table of their own. SQLite rewrites a whole row, overflow pages included,
    /// on any change of it: with the body in the outbox row, each of a message's state changes (sending, sent)
    /// wrote its 6–10 KB again, two dozen WAL pages per message sent (issue 15). `has_body` keeps the
    /// retention purge on a partial index.
    static let version12 = """
        CREATE TABLE IF NOT EXISTS facteur_outbox_body (
            outbox_id INTEGER PRIMARY KEY,
            body BLOB NOT NULL
        );
        ALTER TABLE facteur_outbox ADD COLUMN has_body INTEGER NOT NULL DEFAULT 0;
        INSERT INTO facteur_outbox_body (outbox_id, body) SELECT id, body FROM facteur_outbox WHERE body IS NOT NULL;
        UPDATE facteur_outbox SET has_body = 1, body = NULL WHERE body IS NOT NULL;
        DROP INDEX IF EXISTS facteur_outbox_retained;
        CREATE INDEX IF NOT EXISTS facteur_outbox_with_body ON facteur_outbox (updated_at) WHERE has_body = 1;
        """

    /// The retention purge's index follows `created_at`, which never changes, instead of `updated_at`: every
    /// state change of a message (sending, sent) moved its entry, two more index pages written to the WAL with
    /// each message's commit (issue 15). A row updated before the cutoff was created before it too, so the
    /// purge still finds every row through it.
    static let version13 = """
        DROP INDEX IF EXISTS facteur_outbox_with_body;
        CREATE INDEX IF NOT EXISTS facteur_outbox_bodies ON facteur_outbox (created_at) WHERE has_body = 1;
        """

    /// The sender's journal of its batch (issue 15). A batch of rows is claimed (`sending`) in one commit; then
    /// each message's commit only moves its journal row (`claimed` → `attempting` → `accepted`), one small page,
    /// instead of rewriting two outbox rows and their index entries; the batch's outcomes are folded into the
    /// outbox in one commit. After a crash the journal says which claimed row was in flight (uncertain), which
    /// were accepted (sent) and which were never tried (back to where they were).
    static let version14 = """
        CREATE TABLE IF NOT EXISTS facteur_outbox_attempt (
            outbox_id INTEGER PRIMARY KEY,
            step TEXT NOT NULL CHECK (step IN ('claimed', 'attempting', 'accepted')),
            previous TEXT NOT NULL CHECK (previous IN ('queued', 'uncertain')),
            smtp_code INTEGER,
            reply TEXT,
            at INTEGER NOT NULL
        );
        """

    /// A notice first seen after its "late until" is recorded without a Message-ID (`''`): no message was ever
    /// made of it. The index of Message-IDs (which bounces look up) then leaves these records out: after an
    /// outage they are most of what a start writes, and each entry cost its share of the insert (issue 15).
    static let version15 = """
        DROP INDEX IF EXISTS facteur_outbox_message_id;
        CREATE INDEX IF NOT EXISTS facteur_outbox_message_id ON facteur_outbox (message_id) WHERE message_id != '';
        """

    /// The index of rows by distribution leaves out the notices about none (orders, debts, digests: most rows, and
    /// most of what a start after an outage writes). Each was one entry more per insert, in the NULL part of the
    /// index ordered by member, so a commit's rows dirtied pages all across it (issue 15). Every query that reads it
    /// names a distribution (`distribution_id = …` or `IS NOT NULL`), which SQLite takes as meeting the condition.
    static let version16 = """
        DROP INDEX IF EXISTS facteur_outbox_distribution;
        CREATE INDEX IF NOT EXISTS facteur_outbox_distribution ON facteur_outbox (distribution_id, member_id)
            WHERE distribution_id IS NOT NULL;
        """

    /// Each group of AMAPs reads its contracts' payments, the contracts that share a relay address with its own,
    /// and its contracts' order windows near now: without these indexes each group scanned every payment and every
    /// contract of the network, and every window of its contracts' whole history, so a pass cost the number of
    /// groups times the network (issue 15: 1.6 s of a 7.9 s pass over 2,000 AMAPs, more with years of history).
    /// The relay index holds `lower(relay_address)`, the expression the reader compares, so that SQLite can use it.
    /// The windows' index has a name of its own: migration 5's `order_window_contract` is left as it is, since a
    /// database another tool made may have its own index of that name (a unique one its writes rely on).
    static let version17 = """
        CREATE INDEX IF NOT EXISTS payment_contract ON payment (contract_id);
        CREATE INDEX IF NOT EXISTS contract_relay_address ON contract (lower(relay_address))
            WHERE relay_address IS NOT NULL;
        CREATE INDEX IF NOT EXISTS order_window_contract_closes ON order_window (contract_id, closes_at);
        CREATE INDEX IF NOT EXISTS contract_amap ON contract (amap_id);
        """

    /// The outbox and the sender's journal are rebuilt with their states checked by comparisons instead of
    /// `IN (…)` lists. SQLite evaluates a CHECK's list of more than two constants by building a temporary index of
    /// it each time a statement runs: every row written or updated (each notice queued, each record of a notice
    /// seen too late, each step of a send) built one, 4.4 µs a row, 2 s of a cold start's writer (issue 15). The
    /// states allowed are the same; rows, ids and indexes are kept.
    static let version18 = """
        CREATE TABLE facteur_outbox_v18 (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            amap_id INTEGER,
            member_id INTEGER,
            distribution_id INTEGER,
            recipient TEXT NOT NULL,
            recipient_name TEXT NOT NULL DEFAULT '',
            envelope_from TEXT NOT NULL DEFAULT '',
            message_id TEXT NOT NULL,
            thread_key TEXT,
            body BLOB,
            state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sending' OR state = 'sent' OR state = 'uncertain'
                OR state = 'failed' OR state = 'expired' OR state = 'quarantined'),
            version TEXT,
            sequence INTEGER NOT NULL DEFAULT 0,
            timezone TEXT NOT NULL,
            due_at INTEGER NOT NULL,
            late_until INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            recoveries INTEGER NOT NULL DEFAULT 0,
            sent_at INTEGER,
            smtp_code INTEGER,
            last_error TEXT,
            topic TEXT NOT NULL DEFAULT '',
            first_failed_at INTEGER,
            has_body INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO facteur_outbox_v18 (id, key, kind, amap_id, member_id, distribution_id, recipient, recipient_name,
            envelope_from, message_id, thread_key, body, state, version, sequence, timezone, due_at, late_until,
            next_attempt_at, created_at, updated_at, attempts, recoveries, sent_at, smtp_code, last_error, topic,
            first_failed_at, has_body)
            SELECT id, key, kind, amap_id, member_id, distribution_id, recipient, recipient_name,
            envelope_from, message_id, thread_key, body, state, version, sequence, timezone, due_at, late_until,
            next_attempt_at, created_at, updated_at, attempts, recoveries, sent_at, smtp_code, last_error, topic,
            first_failed_at, has_body FROM facteur_outbox;
        DROP TABLE facteur_outbox;
        ALTER TABLE facteur_outbox_v18 RENAME TO facteur_outbox;
        CREATE INDEX facteur_outbox_pending ON facteur_outbox (state, next_attempt_at);
        CREATE INDEX facteur_outbox_topic ON facteur_outbox (topic);
        CREATE INDEX facteur_outbox_updated ON facteur_outbox (updated_at);
        CREATE INDEX facteur_outbox_announced ON facteur_outbox (late_until)
            WHERE kind = 'announcement' AND state = 'sent';
        CREATE INDEX facteur_outbox_bodies ON facteur_outbox (created_at) WHERE has_body = 1;
        CREATE INDEX facteur_outbox_message_id ON facteur_outbox (message_id) WHERE message_id != '';
        CREATE INDEX facteur_outbox_distribution ON facteur_outbox (distribution_id, member_id)
            WHERE distribution_id IS NOT NULL;
        CREATE TABLE facteur_outbox_attempt_v18 (
            outbox_id INTEGER PRIMARY KEY,
            step TEXT NOT NULL CHECK (step = 'claimed' OR step = 'attempting' OR step = 'accepted'),
            previous TEXT NOT NULL CHECK (previous = 'queued' OR previous = 'uncertain'),
            smtp_code INTEGER,
            reply TEXT,
            at INTEGER NOT NULL
        );
        INSERT INTO facteur_outbox_attempt_v18 (outbox_id, step, previous, smtp_code, reply, at)
            SELECT outbox_id, step, previous, smtp_code, reply, at FROM facteur_outbox_attempt;
        DROP TABLE facteur_outbox_attempt;
        ALTER TABLE facteur_outbox_attempt_v18 RENAME TO facteur_outbox_attempt;
        """

    /// Bodies stored as a delta against a base (issue 15, `BodyDelta`): a distribution's or order window's
    /// notices differ from one another in a few hundred bytes of their 4 KB. A base is that text rendered for a
    /// placeholder recipient, written in the same commit as the rows stored against it; `created_at` is theirs, so
    /// that retention finds a base's rows through the outbox's index on it. A body row with no `base_id` holds the
    /// whole message, as before; one with a base holds the delta, the whole message's length and its fingerprint.
    /// A base's id is never given again (`AUTOINCREMENT`): a body can only name the base it was stored against.
    /// Retention finds old bases by their time and their remaining bodies by `base_id`, through indexes: it runs at
    /// every planning pass, inside the write lock.
    static let version19 = """
        CREATE TABLE IF NOT EXISTS facteur_outbox_base (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            body BLOB NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS facteur_outbox_base_created ON facteur_outbox_base (created_at);
        ALTER TABLE facteur_outbox_body ADD COLUMN base_id INTEGER;
        ALTER TABLE facteur_outbox_body ADD COLUMN length INTEGER;
        ALTER TABLE facteur_outbox_body ADD COLUMN fingerprint INTEGER;
        CREATE INDEX IF NOT EXISTS facteur_outbox_body_base ON facteur_outbox_body (base_id) WHERE base_id IS NOT NULL;
        """

    /// A bounce finds its row through the key its Message-ID begins with (`NoticeKey.span(ofMessageID:)`), so the
    /// Message-IDs need no index of their own: its entries were long (some 70 bytes) and went in among the earlier
    /// weeks', so each commit rewrote pages all across it. Without it a week's notices write 15 % fewer bytes to
    /// the log and 22 % fewer to the disk (issue 15).
    static let version20 = """
        DROP INDEX IF EXISTS facteur_outbox_message_id;
        """

    /// The indexes some queries name (`INDEXED BY`, where SQLite without statistics chose one that read years of
    /// history): such a query fails without its index, so an index dropped by hand is made again at the next start
    /// (`Migrator.migrate`), as its migration made it.
    static let indexesNamedByQueries: [(name: String, sql: String)] = [
        (
            "facteur_outbox_announced",
            """
            CREATE INDEX IF NOT EXISTS facteur_outbox_announced ON facteur_outbox (late_until)
                WHERE kind = 'announcement' AND state = 'sent'
            """
        ),
        (
            "facteur_report_last_seen",
            "CREATE INDEX IF NOT EXISTS facteur_report_last_seen ON facteur_report (last_seen)"
        ),
        (
            "facteur_duty_answer_at",
            "CREATE INDEX IF NOT EXISTS facteur_duty_answer_at ON facteur_duty_answer (answered_at)"
        ),
    ]
}

/// The conditions of the `version9` partial indexes, written once: a query uses such an index only
/// when its WHERE repeats the index's condition exactly.
enum ImplausibleTime {
    static func condition(_ column: String) -> String {
        """
        \(column) IS NULL OR typeof(\(column)) != 'text' \
        OR NOT (\(column) GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*') \
        OR substr(\(column), 6, 2) NOT BETWEEN '01' AND '12' OR substr(\(column), 9, 2) NOT BETWEEN '01' AND '31'
        """
    }

    static let distribution = condition("starts_at")
    static let orderWindow = condition("closes_at") + " OR " + condition("opens_at")
}
