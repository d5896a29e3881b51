import FacteurCore
import FacteurMail
import FacteurStore
import FacteurSystem
import Foundation

/// Plan → render → enqueue: reads the schedule as it is, asks the planner what is due, renders each
/// notice once and writes it to the outbox with its Message-ID. Planning again is harmless: keys are unique.
public struct NoticePlanning: Sendable {
    public var configuration: Configuration
    public var composer: NoticeComposer
    public var logger: Logger
    /// From the last planning pass recorded before this process to its start: a notice due then, seen only after
    /// its late-until, fell due while no Facteur was running (`LateCause.notRunning`). Computed once, as the process
    /// starts (`Engine.make`): a pass that fails and is tried again must not take its own record for the last run.
    /// Nil: no notice is taken for missed that way. Let go once a pass is recorded: a row written late while this
    /// process runs was not missed because Facteur was stopped.
    let stopped: StoppedSpan

    public init(
        configuration: Configuration, composer: NoticeComposer, logger: Logger, stopped: Range<Date>? = nil
    ) {
        self.configuration = configuration
        self.composer = composer
        self.logger = logger
        self.stopped = StoppedSpan(stopped)
    }

    var planner: Planner { Planner(settings: configuration.notices) }

    /// AMAPs planned together (about 1,250 members at the benchmark's 50 members an AMAP): enough that a
    /// group's reads stay cheap, few enough that a network's memory is that of two groups, the one written and
    /// the next one planned meanwhile (issue 15: groups of 50 planned ahead took the peak from 81 to 93 MiB;
    /// groups of 25, 76 MiB, with a nothing-due pass 10 % longer).
    static let amapsPerGroup =
        ProcessInfo.processInfo.environment["FACTEUR_TEST_ONLY_AMAPS_PER_GROUP"].flatMap { Int($0) }.map { max(1, $0) }
        ?? 25

    /// The first group's AMAPs, when the network has more than one group: the lanes wait for the first group to be
    /// read and planned, then render it while the next is read (issue 15: a third of a 40-AMAP network's tick
    /// passed before its first chunk was written).
    static let amapsInFirstGroup = 4

    /// The span of distributions a tick needs to see at `now`, reaching `extraHours` further ahead.
    func window(now: Date, extraHours: Double = 0) -> (from: Date, to: Date) {
        let s = configuration.notices
        let ahead = max(s.announcementLeadHours, s.dutyCallLeadHours, s.dutyReminderLeadHours) + extraHours + 24
        return (now.addingTimeInterval(-s.lookbackHours * 3600), now.addingTimeInterval(ahead * 3600))
    }

    public struct Outcome: Sendable {
        public var enqueued = 0
        public var expired = 0
        public var nextDueAt: Date?
        public var issues: [ScheduleIssue] = []
        /// More is due than one pass planned.
        public var truncated = false
        /// Time spent deciding what is due (the planner alone), as opposed to reading, rendering, writing. Each
        /// group's first pass runs while the group before it is written, so this is the planner's own time, not
        /// a share of the tick's.
        public var plannerDuration: Duration = .zero
        /// Chunks of a group rendered while the group before it was written (see `write`).
        var chunksStartedEarly = 0
    }

    /// Queued notices of a distribution cancelled or deleted since are withdrawn before anything is sent.
    public func withdrawObsolete(store: Store, now: Date) async throws {
        let withdrawn = try await store.write { db in try db.outbox.withdrawObsolete(now: now) }
        if withdrawn > 0 {
            logger.info("withdrawn", ["count": "\(withdrawn)", "reason": "distribution cancelled or deleted"])
        }
    }

    /// One planning pass over what `now` makes due (after `withdrawObsolete`). Rendering runs on the calling
    /// task's thread; only reads and writes go to the store's executor, so a sender can work meanwhile.
    public func plan(store: Store, now: Date) async throws -> Outcome {
        try await plan(store: store, reader: nil, now: now, progress: nil)
    }

    /// `reader`: a read-only connection to the same database for the schedule's reads (see `Engine.reader`).
    func plan(
        store: Store, reader: Store?, now: Date, progress: PlanningProgress?, amapsPerGroup: Int = Self.amapsPerGroup
    ) async throws -> Outcome {
        // Debts are one part of planning: a failure there (no row can cause one, see BalanceQuery) is
        // logged and the rest is planned.
        // The balances computed to refresh the debts are the accounts' too: the network's are computed once. They
        // are computed on the reader, without the write lock, so that the sender's bulk expiry at the start of a tick
        // (after an outage, a second of writes) runs meanwhile; only the debts opened or closed are written.
        let readStore = reader ?? store
        // The network's unusable account rows and recent activity are read on a connection of their own while the
        // reader computes the balances: a second of the tick's start that kept one core busy, not two (issue 15).
        let groups = try await readStore.read { db in
            try db.amapGroups(size: amapsPerGroup, first: Self.amapsInFirstGroup)
        }
        let stopped = self.stopped.current
        let activitySince = now.addingTimeInterval(-2 * 86_400)
        let side = reader != nil ? (try? Store(path: readStore.path, mode: .readOnly)) : nil
        async let networkReads = Self.networkReads(
            side ?? readStore, activitySince: groups.count > 1 ? activitySince : nil)
        var negative: DebtLedger.NegativeBalances?
        do {
            negative = try await readStore.read { db in
                try db.negativeBalances(
                    thresholdCents: configuration.notices.negativeBalanceThresholdCents, now: now,
                    timeZone: configuration.timeZone)
            }
        } catch let error as SQLiteError where !error.isBusy && !error.isFatal {
            logger.error("debts-not-refreshed", ["error": error.description])
        }
        // The debts are written while the reader reads what does not depend on them: the groups, the network's
        // recent activity and its unusable account rows. After an outage the writer is still expiring what came
        // too late when the balances are ready (issue 15: half a second of a cold start's prelude).
        async let refreshed = applyDebts(negative, store: store, now: now)
        let (from, to) = window(now: now)
        // The network is planned a group of AMAPs at a time, so memory follows the group, not the network;
        // the balances of the whole network are computed once for all groups.
        let (networkActivity, accountIssues) = try await networkReads
        let network: NetworkAccounts
        if let debts = try await refreshed {
            network = NetworkAccounts(debts: debts, issues: accountIssues)
        } else {  // the balances computed without the refresh's help (see `ScheduleReader.networkAccounts`)
            network = try await readStore.read { db in
                try db.networkAccounts(balancesAt: now, defaultTimeZone: configuration.timeZone)
            }
        }
        let signer = try await TokenSigner.load(store)
        var outcome = Outcome()
        var unreachable: [PlanResult.Unreachable] = []
        var seenUnreachable = Set<PlanResult.Unreachable>()
        var amaps: [Int64: Amap] = [:]
        // A group's schedule and what the outbox holds about it, from one snapshot, and the planner's first pass
        // over them. Groups share no topic (a producer's AMAPs are in one group), so the next group is read and
        // planned while this one is rendered and written: the writer goes from one group's last commit to the
        // next group's first without waiting for the planner (issue 15: 1.3 s of a cold start's 15).
        let planner = planner
        func read(_ group: AmapGroup) -> UpcomingGroup {
            let upcoming = UpcomingGroup()
            upcoming.task = Task {
                let (read, memory) = try await readStore.read { db in
                    let schedule = try db.readSchedule(
                        from: from, to: to, defaultTimeZone: configuration.timeZone,
                        statementDaysAfterEnd: configuration.notices.statementDaysAfterEnd,
                        activitySince: activitySince, balancesAt: now, group: group, network: network,
                        networkActivity: networkActivity, defersAccountHistories: true)
                    return (schedule, try db.outbox.memory(forTopics: schedule.topics, now: now))
                }
                // A tick given up (cancelled, or a write that failed) plans no group more: the planner's pass
                // itself cannot be interrupted, so it is not begun.
                try Task.checkCancellation()
                var schedule = read
                let start = ContinuousClock.now
                var first = planner.plan(schedule, memory: memory, now: now, resumingAt: nil)
                first.noteStopped(stopped)
                let plannerDuration = ContinuousClock.now - start
                let found = try await completeAccounts(&first, schedule: &schedule, reader: readStore, now: now)
                first.issues += found
                // The first pass's threads, from the same reader: groups share no topic, so no announcement
                // this pass is threaded to is written by the groups before it in this tick.
                let threadKeys = first.notices.compactMap(\.threadKey)
                let threads = try await readStore.read { db in try db.outbox.messageIDs(forKeys: threadKeys) }
                upcoming.put(
                    GroupPlan(
                        schedule: schedule, memory: memory, first: first, threads: threads,
                        plannerDuration: plannerDuration))
            }
            return upcoming
        }
        var upcoming = groups.first.map(read)
        // The next group's first chunks, rendered while this group's last ones are written (see `write`).
        let early = EarlyChunks()
        defer {
            upcoming?.task?.cancel()
            early.cancel()
        }
        for index in groups.indices where !Task.isCancelled {
            // What the previous group read and rendered is freed by now: give it back before this one.
            MemoryAllocator.giveBack()
            // The group's first pass is taken out of the task that planned it, and the task let go, so that
            // only the pass being written and the next group's first are held, never a third (see GroupPlan).
            var group: GroupPlan
            var carried: [Task<RenderedChunk, Never>] = []
            if let taken = early.take() {
                (group, carried) = taken
                outcome.chunksStartedEarly += carried.count
            } else {
                guard let reading = upcoming else { break }
                try await reading.task?.value
                guard let plan = reading.take() else { break }
                group = plan
            }
            upcoming = index + 1 < groups.count ? read(groups[index + 1]) : nil
            var planned: PlanResult? = group.first
            group.first = PlanResult()
            var schedule = group.schedule
            amaps.merge(schedule.amaps) { first, _ in first }
            var memory = group.memory
            outcome.plannerDuration += group.plannerDuration
            // The schedule is read once per group; the planner then runs in passes of at most
            // `maximumNoticesPerPass` notices, each rendered and written 200 at a time, remembering what it
            // wrote, until nothing more is due: memory stays bounded without reading the group again.
            var first = true
            var cursor: PlanCursor?
            while !Task.isCancelled {
                var result: PlanResult
                if let firstPass = planned {
                    result = firstPass
                    planned = nil
                } else {
                    let plannerStart = ContinuousClock.now
                    result = planner.plan(schedule, memory: memory, now: now, resumingAt: cursor)
                    result.noteStopped(stopped)
                    outcome.plannerDuration += ContinuousClock.now - plannerStart
                    outcome.issues += try await completeAccounts(
                        &result, schedule: &schedule, reader: readStore, now: now)
                }
                cursor = result.resumeAt
                if first {
                    outcome.issues += result.issues
                    first = false
                }
                for u in result.unreachable where seenUnreachable.insert(u).inserted { unreachable.append(u) }
                let threads: [NoticeKey: String]
                if let firstThreads = group.threads {
                    threads = firstThreads
                    group.threads = nil
                } else {
                    let threadKeys = result.notices.compactMap(\.threadKey)
                    threads = try await store.read { db in try db.outbox.messageIDs(forKeys: threadKeys) }
                }
                // Rendering the next chunk overlaps writing (and logging) this one: the store's executor and
                // the rendering lanes then keep both cores busy. The group's last pass, once all its chunks are
                // started, starts the next group's first ones if that group is planned: the lanes do not wait
                // for the writer at each group's end (issue 15: about 80 times in a network's week).
                let chunks = Self.chunks(expired: result.notices.map(\.expired))
                let notices = result.notices
                let render = { [signer] (chunk: ArraySlice<PlannedNotice>, threads: [NoticeKey: String]) in
                    Task { await renderInLane(chunk, threads: threads, signer: signer, now: now) }
                }
                let nextGroup = !result.truncated && index + 1 < groups.count ? upcoming : nil
                let lanes = { progress?.senderIsSending == true ? 1 : Self.renderingLanes }
                let (written, expired) = try await write(
                    store: store, now: now, carried: carried, lanes: lanes,
                    rendering: { index in
                        guard index < chunks.count else { return nil }
                        return render(notices[chunks[index]], threads)
                    },
                    ahead: { room in
                        guard let nextGroup else { return }
                        early.start(room: room, from: nextGroup, render: render)
                    })
                carried = []
                outcome.expired += expired
                memory.remember(result.notices)
                outcome.enqueued += written
                // Each pass notes the future instants of the part of the walk it covered.
                outcome.nextDueAt = [outcome.nextDueAt, result.nextDueAt].compactMap { $0 }.min()
                outcome.truncated = outcome.truncated || (result.truncated && written == 0)
                // A pass that wrote nothing cannot be followed by a different one: stop rather than spin.
                if !result.truncated || written == 0 { break }
            }
        }
        outcome.enqueued += try await cancelDeleted(store: store, amaps: amaps, signer: signer, now: now)
        let recorded = try await store.write { [outcome, unreachable] db in
            _ = try db.reports.record(
                issues: outcome.issues, unreachable: unreachable, language: configuration.language, now: now)
            // Once the pass's notices are written: a pass stopped in the middle (killed, or cancelled by a SIGTERM
            // before its last group) leaves the previous record.
            guard !Task.isCancelled else { return false }
            try db.recordPlanningPass(at: now)
            return true
        }
        // Once that record is committed: a commit that fails leaves the span to the pass tried again.
        if recorded { self.stopped.letGo() }
        // Every unusable row is logged at every tick that plans, not only the first time: a row that
        // stays broken stays visible (DESIGN §3).
        for issue in outcome.issues {
            logger.warning(
                "skipped-row",
                ["table": issue.table, "row": issue.rowID, "problem": issue.problem(configuration.language)])
        }
        return outcome
    }

    /// The network's recent activity (when `activitySince` is given: more than one group shares it) and its unusable
    /// account rows, read in one go on `store`.
    static func networkReads(_ store: Store, activitySince: Date?) async throws
        -> (activity: NetworkActivity?, issues: [ScheduleIssue])
    {
        try await store.read { db in
            (try activitySince.map { try db.networkActivity(since: $0) }, try db.accountIssues())
        }
    }

    /// Opens and closes the debts `negative` holds, and returns the balances of those open afterwards; nil when
    /// they could not be computed or written (logged: the rest is planned, account notices wait).
    private func applyDebts(
        _ negative: DebtLedger.NegativeBalances?, store: Store, now: Date
    ) async throws -> [NetworkAccounts.DebtBalance]? {
        guard let negative else { return nil }
        do {
            return try await store.write { db in try db.applyDebts(negative, now: now) }
        } catch let error as SQLiteError where !error.isBusy && !error.isFatal {
            logger.error("debts-not-refreshed", ["error": error.description])
            return nil
        }
    }

    /// A distribution deleted after its announcement: a `cancellation` to those who received it, from the last
    /// facts they were told (the row is gone), threaded to the announcement.
    func cancelDeleted(store: Store, amaps: [Int64: Amap], signer: TokenSigner, now: Date) async throws -> Int {
        let threads = try await store.read { db in try db.outbox.deletedThreads(now: now) }
        guard !threads.isEmpty else { return 0 }
        let messageIDs = try await store.read { db in try db.outbox.messageIDs(forKeys: threads.map(\.announcementKey))
        }
        var entries: [OutboxEntry] = []
        // A member whose address was removed since is someone for the coordinator to call, as for a cancellation
        // by `cancelled` (DESIGN §2): they were told the distribution, and would come for nothing.
        var toCall: [(member: Int64, amap: Int64, distribution: Int64)] = []
        for t in threads {
            guard let amap = amaps[t.amapID] else { continue }
            guard !t.recipient.email.isEmpty else {
                if let member = t.recipient.memberID { toCall.append((member, amap.id, t.distributionID)) }
                continue
            }
            let distribution = Distribution(
                id: t.distributionID, amapID: amap.id, startsAt: t.version.startsAt, endsAt: t.version.endsAt,
                place: t.version.place, notes: nil, cancelled: true, dutyNeeded: 0)
            let content = DistributionNotice(
                distribution: distribution, deliveries: [], volunteers: [], recipientIsOnDuty: false, dutyMissing: 0,
                sequence: t.sequence + 1)
            let notice = PlannedNotice(
                key: .distribution(
                    .cancellation, distribution: t.distributionID, member: t.recipient.memberID ?? 0,
                    sequence: t.wasCancelledBefore ? t.sequence + 1 : nil),
                amap: amap, recipient: t.recipient, replyTo: amap.replyTo, dueAt: now,
                lateUntil: t.version.startsAt, sendAfter: planner.settings.quietHours.release(now, in: amap.timeZone),
                expired: false, threadKey: t.announcementKey, distributionID: t.distributionID, version: t.version,
                sequence: t.sequence + 1, content: .distribution(content))
            if let entry = render(notice, threadMessageID: messageIDs[t.announcementKey], signer: signer, now: now) {
                entries.append(entry)
            }
        }
        let written = try await store.write { [entries, toCall] db in
            for c in toCall {
                try db.reports.record(
                    .unreachable(member: c.member), amapID: c.amap,
                    detail: "\(NoticeKind.cancellation.rawValue) \(NoticeSubject.distribution(c.distribution).topic)",
                    now: now)
            }
            return try db.outbox.enqueue(entries, now: now)
        }
        for entry in entries {
            logger.info(
                "queued", ["key": entry.key.rawValue, "reason": "distribution deleted after its announcement"])
        }
        return written
    }

    /// Writes a pass's chunks as they are rendered, on the store's executor itself: a chunk already rendered is
    /// written without leaving it, so the writer goes from one commit to the next. Awaited from the planning task,
    /// each write cost two thread hand-offs (to the store's thread and back), and on two busy cores each waited its
    /// turn: 6 s of a cold start's 20 (issue 15). Returns the rows written and the expired records among them.
    /// `rendering(i)` starts rendering the i-th chunk, nil past the last one. As many chunks as `lanes()` says are
    /// rendered ahead, each in one lane: the writer then finds the next chunk ready, and no lane waits for another
    /// at the end of each chunk (with a chunk split across the lanes, the lanes and the writer each sat idle a
    /// third of the time: issue 15, eighth step).
    /// `carried`: the first chunks, already started (by the pass before, see `ahead`). `ahead(room)` is told, once
    /// every chunk is started, how many lanes are free: the next pass's chunks may use them.
    private func write(
        store: isolated Store, now: Date, carried: [Task<RenderedChunk, Never>], lanes: () -> Int,
        rendering: (Int) -> Task<RenderedChunk, Never>?, ahead startNext: (Int) -> Void
    ) async throws -> (written: Int, expired: Int) {
        var written = 0
        var expired = 0
        var ahead = carried
        defer { for task in ahead { task.cancel() } }
        var started = carried.count
        func fill() {
            while ahead.count < max(1, lanes()) {
                guard let task = rendering(started) else {
                    startNext(max(1, lanes()) - ahead.count)
                    return
                }
                ahead.append(task)
                started += 1
            }
        }
        fill()
        while !ahead.isEmpty {
            let chunk = await ahead.removeFirst().value
            fill()
            // `enqueue` is one transaction of its own: opened inside `write`'s, it would be a savepoint, under which
            // SQLite journals every statement's pages to a temporary file until it is released (issue 15).
            written += try store.writeWithoutTransaction { db in
                try db.outbox.enqueue(chunk.entries, bases: chunk.bases, now: now)
            }
            expired += chunk.expired
            logger.write(lines: chunk.lines)
        }
        return (written, expired)
    }

    /// Renders a chunk in order, with its log lines, on one of Dispatch's threads (rendering is pure): a cold start
    /// after an outage, or a week planned while the server is down, renders a chunk in each lane at once, at the
    /// speed of the machine, not of one core. The cooperative pool then stays free for the tasks that write and
    /// send.
    func renderInLane(
        _ notices: ArraySlice<PlannedNotice>, threads: [NoticeKey: String], signer: TokenSigner?, now: Date
    ) async -> RenderedChunk {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let calendars = CalendarCache()
                let frames = NoticeFrameCache()
                let headers = HeaderMemo()
                // The chunk is the pass's own storage, not a copy; its entries fill room made once (each copy and
                // each growth of these arrays touched fresh pages: issue 15).
                var entries: [OutboxEntry] = []
                entries.reserveCapacity(notices.count)
                // One base for each kind and subject of the chunk's distribution and order notices, and for each
                // kind and contract of its account notices; each of their bodies is stored as a delta against it
                // (`BodyDelta`).
                var bases: [[UInt8]] = []
                var indexes: [BaseName: (position: Int, index: BodyDelta.Index)] = [:]
                for notice in notices {
                    let thread = notice.threadKey.flatMap { threads[$0] }
                    guard
                        var entry = render(
                            notice, threadMessageID: thread, signer: signer, now: now, calendars: calendars,
                            frames: frames, headers: headers)
                    else { continue }
                    if entry.body != nil, let name = Self.baseName(notice) {
                        if indexes[name] == nil,
                            let base = renderBase(notice, now: now, calendars: calendars, frames: frames)
                        {
                            indexes[name] = (bases.count, BodyDelta.Index(base))
                            bases.append(base)
                        }
                        if let (position, index) = indexes[name] { entry.storeAgainst(base: position, index: index) }
                    }
                    entries.append(entry)
                }
                continuation.resume(returning: RenderedChunk(entries, bases: bases))
            }
        }
    }

    /// Which base, within a chunk, a notice's body is stored against; nil: stored whole. A distribution's or a
    /// window's members read one text; a contract's account notices (`negative_balance`, `statement`) each hold one
    /// member's figures, but in the same layout, row after row: stored whole they were most of a week's bytes.
    static func baseName(_ notice: PlannedNotice) -> BaseName? {
        switch notice.content {
        case .distribution, .order: .shared(notice.kind, notice.key.subject)
        case .account(let account): .account(notice.kind, contract: account.contractID)
        default: nil
        }
    }

    /// A base's name within a chunk: a kind and subject, or a kind and contract. Values, not text: a name was
    /// written and hashed as a string for every notice (issue 15).
    enum BaseName: Hashable {
        case shared(NoticeKind, NoticeSubject)
        case account(NoticeKind, contract: Int64)
    }

    /// The notice with its links and Reply-To, and its Message-ID. `token`: signs a claim (nil: no token, so no
    /// unsubscribe link and no answer by mail); `random`: the Message-ID's unique part when no token makes it.
    func prepared(
        _ planned: PlannedNotice, token: ((TokenClaim) -> String)?, random: String = Token.random()
    ) -> (PlannedNotice, String) {
        var notice = planned
        if notice.kind.isOptional, let member = notice.recipient.memberID, let token {
            notice.unsubscribe = UnsubscribeLinks(
                address: notice.amap.facteurAddress, token: token(.unsubscribe(member: member, kind: notice.kind)),
                baseURL: configuration.unsubscribeURL)
        }
        // A call for volunteers (and an announcement still short of them) is answered by mail: "oui" to the
        // AMAP's Facteur address, the volunteer token in the Message-ID that the reply's In-Reply-To brings back.
        var volunteerToken: String?
        if let token, let member = notice.recipient.memberID, let distribution = notice.distributionID,
            case .distribution(let content) = notice.content,
            notice.kind == .dutyReminder
                || (!content.recipientIsOnDuty
                    && (notice.kind == .dutyCall || (notice.kind == .announcement && content.dutyMissing > 0)))
        {
            volunteerToken = token(.volunteer(member: member, distribution: distribution))
            notice.replyTo = notice.amap.facteurAddress
        }
        let messageID = MessageHeaders.messageID(
            for: notice.key, domain: notice.amap.domain, token: volunteerToken ?? random)
        return (notice, messageID)
    }

    /// The base a chunk's bodies of this notice's kind and subject are stored against: the notice rendered for a
    /// placeholder recipient (no member's name, address, contracts, duty, token or Message-ID; tokens of the right
    /// shape, signed by nothing), so that it shares most bytes with each member's message and holds no one's own.
    /// What a distribution tells everyone (the volunteers on duty) is in it, as in each message (`MemberForgetting`).
    func renderBase(_ planned: PlannedNotice, now: Date, calendars: CalendarCache?, frames: NoticeFrameCache?)
        -> [UInt8]?
    {
        var placeholder = planned
        placeholder.recipient = Recipient(
            memberID: planned.recipient.memberID == nil ? nil : 0, name: "Prénom Nom", email: "adresse@example.invalid")
        if planned.key.audience != nil { placeholder.key.audience = .member(0) }
        // What a distribution tells only its recipient stays out too: an announcement's deliveries are the
        // recipient's own contracts, and whether they are on duty is theirs (a duty reminder goes only to those on
        // duty: it says so to everyone).
        if case .distribution(var content) = placeholder.content {
            if planned.kind == .announcement { content.deliveries = [] }
            if planned.kind != .dutyReminder { content.recipientIsOnDuty = false }
            content.dutyAnswer = nil
            placeholder.content = .distribution(content)
        }
        // An account's figures, its debt's start and the member in its key are the member's own.
        if case .account(let account) = placeholder.content {
            placeholder.content = .account(account.placeholder(on: now))
            if case .debt(_, let contract) = placeholder.key.subject {
                placeholder.key.subject = .debt(member: 0, contract: contract)
            }
            placeholder.key.qualifiers = []
        }
        let unsigned = String(repeating: "0", count: 32)
        let (notice, messageID) = prepared(
            placeholder, token: { $0.payload + "." + unsigned }, random: String(repeating: "0", count: 16))
        let message = try? composer.compose(
            notice, messageID: messageID, threadMessageID: nil, date: max(now, notice.sendAfter),
            calendars: calendars, frames: frames)
        return message?.rendered(seed: messageID)
    }

    /// Reads the orders and payments of the account notices `result` found due, in one read transaction, into
    /// `schedule`, and builds those notices again with them (see `Schedule.accountHistories`); then holds those whose
    /// figures are not their deciding balance (`PlanResult.holdAccountsOffTheirBalance`). Returns what the reading
    /// found unusable and what was held, to be reported.
    func completeAccounts(_ result: inout PlanResult, schedule: inout Schedule, reader: Store, now: Date) async throws
        -> [ScheduleIssue]
    {
        var found: [ScheduleIssue] = []
        let incomplete = result.incompleteAccountContracts
        if !incomplete.isEmpty {
            let known = schedule.issues.count
            schedule = try await reader.read { [schedule] db in
                try db.readAccountHistories(
                    contracts: incomplete, into: schedule, balancesAt: now, defaultTimeZone: configuration.timeZone)
            }
            result.completeAccounts(from: schedule)
            found = Array(schedule.issues[known...])
        }
        return found + result.holdAccountsOffTheirBalance()
    }

    static let renderingLanes = ProcessInfo.processInfo.activeProcessorCount

    /// A pass's notices in chunks, each rendered while the previous one is written, and written in one commit: at
    /// most 200 to render, and with them at most 2,000 in all. Records of notices seen too late are not rendered,
    /// and after an outage they are most of a pass: larger commits write them with fewer pages (issue 15).
    static func chunks(expired: [Bool], rendered: Int = 200, total: Int = 2_000) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var toRender = 0
        for (index, isExpired) in expired.enumerated() {
            if index - start >= total || (!isExpired && toRender >= rendered) {
                ranges.append(start..<index)
                start = index
                toRender = 0
            }
            if !isExpired { toRender += 1 }
        }
        if start < expired.count { ranges.append(start..<expired.count) }
        return ranges
    }

    /// Renders one notice (nil body and no Message-ID for an expired one). A rendering failure is logged and the notice
    /// skipped: the next tick tries again.
    /// `calendars`, `frames` and `headers`: the rendering lane's last calendars, texts and header values (see
    /// `CalendarCache`, `NoticeFrameCache`, `HeaderMemo`).
    public func render(
        _ planned: PlannedNotice, threadMessageID: String?, signer: TokenSigner?, now: Date,
        calendars: CalendarCache? = nil, frames: NoticeFrameCache? = nil, headers: HeaderMemo? = nil
    ) -> OutboxEntry? {
        // A notice seen too late is only recorded: no token to sign, no Message-ID (no message is ever made of it).
        guard !planned.expired else { return OutboxEntry(notice: planned, messageID: "", body: nil) }
        let (notice, messageID) = prepared(planned, token: signer.map { signer in { signer.token($0) } })
        do {
            let message = try composer.compose(
                notice, messageID: messageID, threadMessageID: threadMessageID, date: max(now, notice.sendAfter),
                calendars: calendars, frames: frames, headers: headers)
            return OutboxEntry(notice: notice, messageID: messageID, body: message.rendered(seed: messageID))
        } catch {
            logger.error("render-failed", ["key": notice.key.rawValue, "error": "\(error)"])
            return nil
        }
    }
}

/// A group of AMAPs read and planned ahead of its turn: its schedule, what the outbox remembers of it, and the
/// planner's first pass over them. Two are held at once, the one written and the next one: the peak is two passes
/// of notices (`maximumNoticesPerPass` each), never more.
struct GroupPlan: Sendable {
    var schedule: Schedule
    var memory: PlannerMemory
    var first: PlanResult
    /// The Message-IDs the first pass's notices are threaded to; nil once that pass is taken.
    var threads: [NoticeKey: String]?
    var plannerDuration: Duration
}

/// The next group, being read and planned: its plan is handed over as soon as it is ready, without waiting on
/// the task, so that the writer of this group can start rendering it (see `EarlyChunks`).
final class UpcomingGroup: @unchecked Sendable {
    // Safe because: `plan` is read and written under `lock`; `task` is set once, before anyone reads it.
    var task: Task<Void, any Error>?
    private let lock = NSLock()
    private var plan: GroupPlan?

    func put(_ plan: GroupPlan) { lock.withLock { self.plan = plan } }

    func take() -> GroupPlan? {
        lock.withLock {
            defer { plan = nil }
            return plan
        }
    }
}

/// The next group's plan and the render tasks of its first chunks, started while this group's last chunks are
/// written. The planning loop then writes them first, in order.
final class EarlyChunks: @unchecked Sendable {
    // Safe because: used from the store's executor (within `write`) and the planning task, one after the other
    // (the planning task awaits `write`), under `lock` all the same.
    private let lock = NSLock()
    private var plan: GroupPlan?
    private var chunks: [Range<Int>] = []
    private var tasks: [Task<RenderedChunk, Never>] = []

    /// Starts up to `room` more of the next group's first chunks, if it is planned by now.
    func start(
        room: Int, from upcoming: UpcomingGroup,
        render: (ArraySlice<PlannedNotice>, [NoticeKey: String]) -> Task<RenderedChunk, Never>
    ) {
        lock.withLock {
            if plan == nil {
                guard let taken = upcoming.take() else { return }
                plan = taken
                chunks = NoticePlanning.chunks(expired: taken.first.notices.map(\.expired))
            }
            guard let plan else { return }
            while tasks.count < room, tasks.count < chunks.count {
                tasks.append(render(plan.first.notices[chunks[tasks.count]], plan.threads ?? [:]))
            }
        }
    }

    /// The plan and its started chunks, once; nil if none was taken.
    func take() -> (GroupPlan, [Task<RenderedChunk, Never>])? {
        lock.withLock {
            defer {
                plan = nil
                chunks = []
                tasks = []
            }
            return plan.map { ($0, tasks) }
        }
    }

    func cancel() { lock.withLock { for task in tasks { task.cancel() } } }
}

/// Random hex for Message-IDs: unique across retries of planning, machines and databases.
enum Token {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt64
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A chunk rendered: its outbox entries, and the log lines saying what was queued or recorded expired (made in
/// the rendering lanes, so the store's thread only writes them).
struct RenderedChunk: Sendable {
    var entries: [OutboxEntry] = []
    /// The texts the entries' deltas are stored against.
    var bases: [[UInt8]] = []
    var lines: [String] = []
    var expired = 0

    init(_ entries: [OutboxEntry], bases: [[UInt8]] = []) {
        self.entries = entries
        self.bases = bases
        let time = ISO8601Now.string()
        // A chunk's notices mostly share their instant: its text is made once for each run of equal ones.
        var last: (instant: Date, text: String)?
        lines = entries.map { entry in
            let sendAfter = entry.sendAfter
            let text = last.flatMap { $0.instant == sendAfter ? $0.text : nil } ?? ScheduleTime.utcString(sendAfter)
            last = (sendAfter, text)
            return Logger.line(
                .info, entry.expired ? "expired" : "queued",
                ["key": entry.key.rawValue, "send_after": text], time: time)
        }
        expired = entries.count { $0.expired }
    }
}
