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
                let templates = try TemplateLoader.load(folder: configuration.templates, language: configuration.language)
                let planning = NoticePlanning(
                    configuration: configuration, composer: NoticeComposer(templates: templates), logger: logger)
                let forecast = try await NoticeForecast(planning: planning).run(
                    store: store, start: now, days: days, enough: count)
                // A digest's content depends on what happens until then: only the next day's is foreseeable.
                let notices = forecast.notices.filter {
                    $0.kind != .digest || $0.sendAfter <= now.addingTimeInterval(86_400)
                }
                return .success(
                    notices.prefix(count).map { Notice(at: $0.sendAfter, key: $0.key.rawValue, kind: $0.kind.rawValue) })
            } catch {
                return .failure(Problem(text: "\(error)"))
            }
        }
    }
}
