import FacteurCore
import Foundation

/// A small AMAP in Paris: three members subscribed to vegetables and eggs, one distribution.
struct ScheduleFixture {
    static let paris = TimeZone(identifier: "Europe/Paris")!

    var schedule = Schedule()

    init(start: String = "2026-11-26 18:30", end: String = "2026-11-26 20:00", dutyNeeded: Int = 0) {
        let amap = Amap(id: 1, name: "AMAP des Lilas", email: "contact@lilas.example.org", timeZone: Self.paris)
        schedule.amaps[1] = amap
        schedule.members = [
            1: Member(id: 1, amapID: 1, name: "Camille", email: "camille@example.net"),
            2: Member(id: 2, amapID: 1, name: "Hélène", email: "helene@example.net"),
            3: Member(id: 3, amapID: 1, name: "Jérôme", email: "jerome@example.net"),
        ]
        schedule.producers = [
            1: Producer(id: 1, name: "Julie", farm: "Ferme du Pré"), 2: Producer(id: 2, name: "Éric"),
        ]
        let season = (LocalDate("2026-09-01")!, LocalDate("2027-03-01")!)
        schedule.contracts = [
            1: Contract(id: 1, amapID: 1, producerID: 1, name: "Légumes", startsOn: season.0, endsOn: season.1),
            2: Contract(id: 2, amapID: 1, producerID: 2, name: "Œufs", startsOn: season.0, endsOn: season.1),
        ]
        schedule.subscribers = [1: [1, 2], 2: [1, 3]]
        schedule.distributions = [
            Distribution(
                id: 42, amapID: 1, startsAt: Self.at(start), endsAt: Self.at(end), place: "Préau",
                dutyNeeded: dutyNeeded)
        ]
        schedule.deliveries = [
            42: [Delivery(distributionID: 42, contractID: 1), Delivery(distributionID: 42, contractID: 2)]
        ]
    }

    static func at(_ text: String, in zone: TimeZone = paris) -> Date {
        try! ScheduleTime.parse(text, in: zone)
    }
}
