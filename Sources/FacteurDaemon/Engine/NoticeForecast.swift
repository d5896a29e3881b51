import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// What the planner would send from `start` over `days`, replayed against the database as it is without
/// writing anything: `preview`, `status` and the status page's timeline.
struct NoticeForecast {
    var planning: NoticePlanning

    /// Planned as the engine plans, with the configured templates (which `preview` renders with).
    init(configuration: Configuration, logger: Logger) throws {
        let templates = try TemplateLoader.load(folder: configuration.templates, language: configuration.language)
        planning = NoticePlanning(
            configuration: configuration, composer: NoticeComposer(templates: templates), logger: logger)
    }

    struct Result {
        var notices: [PlannedNotice]
        var schedule: Schedule
    }

    /// What every group of one forecast shares, read once: the network's groups of AMAPs (as the engine plans them),
    /// its accounts and its recent activity. `status`, `preview` and the status page walk the groups with it, so that
    /// their memory is a group's, not the network's (issue 15).
    struct Network {
        var groups: [AmapGroup]
        var accounts: NetworkAccounts
        var activity: NetworkActivity
    }

    func network(store: Store, start: Date) async throws -> Network {
        let timeZone = planning.configuration.timeZone
        return try await store.read { db in
            Network(
                groups: try db.amapGroups(size: NoticePlanning.amapsPerGroup),
                accounts: try db.networkAccounts(balancesAt: start, defaultTimeZone: timeZone),
                activity: try db.networkActivity(since: start.addingTimeInterval(-2 * 86_400)))
        }
    }

    /// `enough`: stop at the first due instant by which that many notices are foreseen (`status` wants the
    /// next few, not a network's week).
    /// `group`: some AMAPs only, as the engine plans them (`status` walks the network a group at a time, so that
    /// its memory is a group's, not the network's).
    func run(
        store: Store, start: Date, days: Int, enough: Int = .max, group: AmapGroup = .all,
        network: NetworkAccounts? = nil, networkActivity: NetworkActivity? = nil
    ) async throws -> Result {
        let end = start.addingTimeInterval(TimeInterval(days) * 86_400)
        let configuration = planning.configuration
        let (from, to) = planning.window(now: start, extraHours: Double(days) * 24)
        let schedule = try await store.read { db in
            try db.readSchedule(
                from: from, to: to, defaultTimeZone: configuration.timeZone,
                statementDaysAfterEnd: configuration.notices.statementDaysAfterEnd,
                activitySince: start.addingTimeInterval(-2 * 86_400), balancesAt: start, group: group,
                network: network, networkActivity: networkActivity)
        }
        var memory = try await store.read { db in try db.outbox.memory(forTopics: schedule.topics, now: start) }
        var planned: [PlannedNotice] = []
        var held = Set<ScheduleIssue>()
        var t = start
        var cursor: PlanCursor?
        var nextAtT: Date?
        for _ in 0..<100_000 {
            var result = planning.planner.plan(schedule, memory: memory, now: t, resumingAt: cursor)
            let plannedAny = !result.notices.isEmpty
            // What the daemon would hold (a debt whose mail cannot show the figures that decided it) is not foreseen.
            held.formUnion(result.holdAccountsOffTheirBalance())
            memory.remember(result.notices)
            planned += result.notices.filter { !$0.expired }
            nextAtT = [nextAtT, result.nextDueAt].compactMap { $0 }.min()
            // A pass that filled up resumes at the same instant; then on to the next due time.
            if result.truncated && plannedAny {
                cursor = result.resumeAt
                continue
            }
            guard planned.count < enough, let next = nextAtT, next <= end, next > t else { break }
            t = next
            cursor = nil
            nextAtT = nil
        }
        planned.sort { ($0.sendAfter, $0.key.rawValue) < ($1.sendAfter, $1.key.rawValue) }
        // Said as the daemon says it, with the rows it skipped.
        var told = schedule
        told.issues += held.sorted { $0.rowID < $1.rowID }
        return Result(notices: planned, schedule: told)
    }
}
