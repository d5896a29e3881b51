import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

extension StatusCommand {
    /// The next notices the planner will queue, which the outbox does not hold yet: an announcement two days
    /// away is "next" to whoever asks, though nothing is queued until it is due (DESIGN §6 "next due notices").
    enum Foreseen {
        struct Notice {
            var at: Date
            var key: String
            var kind: String
        }

        /// Why there is no forecast (templates unreadable, the schedule unreadable): `status` still answers.
        struct Problem: Error {
            var text: String
        }

        typealias Outcome = Result<[Notice], Problem>

        static let days = 7
        static let count = 10

        static func next(configuration: Configuration, logger: Logger, store: Store, now: Date) async -> Outcome {
            do {
                let forecaster = try NoticeForecast(configuration: configuration, logger: logger)
                // A group at a time, as the engine plans, keeping the earliest: a network's status needs a group's
                // memory, not the whole network's schedule at once.
                // The network's balances and recent activity are read once for all groups, as the engine does.
                let network = try await forecaster.network(store: store, start: now)
                var earliest: [Notice] = []
                for group in network.groups {
                    let forecast = try await forecaster.run(
                        store: store, start: now, days: days, enough: count, group: group, network: network.accounts,
                        networkActivity: network.activity)
                    // A digest's content depends on what happens until then: only the next day's is foreseeable.
                    earliest += forecast.notices.lazy.filter {
                        $0.kind != .digest || $0.sendAfter <= now.addingTimeInterval(86_400)
                    }.prefix(count).map { Notice(at: $0.sendAfter, key: $0.key.rawValue, kind: $0.kind.rawValue) }
                    earliest.sort { ($0.at, $0.key) < ($1.at, $1.key) }
                    earliest = Array(earliest.prefix(count))
                }
                return .success(earliest)
            } catch {
                return .failure(Problem(text: "\(error)"))
            }
        }
    }
}
