import FacteurCore
import Foundation
import Testing

@Suite struct TimeRulesTests {
    let paris = ScheduleFixture.paris

    @Test("due times are absolute across the 2026-03-29 daylight-saving change in Paris")
    func daylightSaving() {
        var settings = NoticeSettings()
        settings.quietHours = .none
        let planner = Planner(settings: settings)
        // Monday 30 March 10:00 CEST (UTC+2) minus 48 h is Saturday 28 March 09:00 CET (UTC+1).
        let fixture = ScheduleFixture(start: "2026-03-30 10:00", end: "2026-03-30 12:00")
        let before = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-03-28 08:59"))
        #expect(before.notices.isEmpty)
        #expect(before.nextDueAt == ScheduleFixture.at("2026-03-28T08:00:00Z"))
        let due = planner.plan(fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-03-28 09:00"))
        #expect(due.notices.count == 3)
    }

    @Test("quiet hours hold a notice due at 22:00 until 08:00, in the AMAP's own time zone")
    func quietHours() {
        let planner = Planner(settings: NoticeSettings())
        let fixture = ScheduleFixture(start: "2026-11-26 22:00", end: "2026-11-26 23:00")
        let result = planner.plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-24 22:00"))
        #expect(result.notices.first?.sendAfter == ScheduleFixture.at("2026-11-25 08:00"))
        #expect(QuietHours.standard.contains(ScheduleFixture.at("2026-11-25 07:59"), in: paris))
        #expect(!QuietHours.standard.contains(ScheduleFixture.at("2026-11-25 08:00"), in: paris))
        #expect(
            QuietHours.standard.release(ScheduleFixture.at("2026-11-25 02:00"), in: paris)
                == ScheduleFixture.at("2026-11-25 08:00"))
    }

    @Test("several AMAPs, each planned in its own time zone")
    func severalAmaps() {
        var fixture = ScheduleFixture()
        let reunion = TimeZone(identifier: "Indian/Reunion")!
        fixture.schedule.amaps[2] = Amap(id: 2, name: "AMAP Réunion", email: "a@r.example.org", timeZone: reunion)
        fixture.schedule.members[9] = Member(id: 9, amapID: 2, name: "Kévin", email: "k@example.net")
        fixture.schedule.contracts[9] = Contract(
            id: 9, amapID: 2, producerID: 1, name: "Ananas", startsOn: LocalDate("2026-01-01")!,
            endsOn: LocalDate("2026-12-31")!)
        fixture.schedule.subscribers[9] = [9]
        fixture.schedule.distributions.append(
            Distribution(
                id: 50, amapID: 2, startsAt: ScheduleFixture.at("2026-11-26 18:30", in: reunion),
                endsAt: ScheduleFixture.at("2026-11-26 20:00", in: reunion), place: "Case"))
        fixture.schedule.deliveries[50] = [Delivery(distributionID: 50, contractID: 9)]
        var settings = NoticeSettings()
        settings.quietHours = .none
        // 18:30 in Réunion (UTC+4) is 15:30 in Paris: its announcement falls due three hours earlier.
        let result = Planner(settings: settings).plan(
            fixture.schedule, memory: PlannerMemory(), now: ScheduleFixture.at("2026-11-24 15:30"))
        #expect(result.notices.map(\.key.rawValue) == ["announcement/d50/m9"])
    }

    @Test("schedule times: local, T-separated, Z and offsets; impossible dates refused")
    func parsing() throws {
        #expect(
            try ScheduleTime.parse("2026-11-26 18:30", in: paris)
                == (try ScheduleTime.parse("2026-11-26T17:30:00Z", in: paris)))
        #expect(
            try ScheduleTime.parse("2026-11-26T18:30:00+01:00", in: paris)
                == (try ScheduleTime.parse("2026-11-26 17:30Z", in: paris)))
        #expect(throws: ScheduleTime.ParseError.self) { try ScheduleTime.parse("2026-02-30 10:00", in: paris) }
        #expect(throws: ScheduleTime.ParseError.self) { try ScheduleTime.parse("26/11/2026 18:30", in: paris) }
        #expect(throws: ScheduleTime.ParseError.self) { try ScheduleTime.parse("2026-11-26 25:00", in: paris) }
    }

    @Test("a local time the clocks skip names no instant; one they repeat is its first occurrence")
    func daylightSavingGapAndRepeat() throws {
        // Paris skips 02:00–02:59 on 28 March 2027 and repeats 02:00–02:59 on 25 October 2026.
        #expect(throws: ScheduleTime.ParseError.nonexistent("2027-03-28 02:30", zone: "Europe/Paris")) {
            try ScheduleTime.parse("2027-03-28 02:30", in: paris)
        }
        #expect(throws: ScheduleTime.ParseError.self) { try ScheduleTime.parse("2027-03-28T02:00:00", in: paris) }
        // Either side of the gap, and the same wall time with an offset, are real instants.
        #expect(try ScheduleTime.parse("2027-03-28 01:59", in: paris) == ScheduleFixture.at("2027-03-28T00:59:00Z"))
        #expect(try ScheduleTime.parse("2027-03-28 03:00", in: paris) == ScheduleFixture.at("2027-03-28T01:00:00Z"))
        #expect(try ScheduleTime.parse("2027-03-28 02:30+01:00", in: paris) == ScheduleFixture.at("2027-03-28T01:30:00Z"))
        #expect(try ScheduleTime.parse("2026-10-25 02:30", in: paris) == ScheduleFixture.at("2026-10-25T00:30:00Z"))
    }

    @Test("French dates and money")
    func french() {
        let dates = HumanDates(language: .fr, timeZone: paris)
        #expect(dates.dateTime(ScheduleFixture.at("2026-11-26 18:30")) == "jeudi 26 novembre 2026 à 18h30")
        #expect(dates.date(ScheduleFixture.at("2026-08-01 09:00")) == "samedi 1er août 2026")
        #expect(Money(cents: 1250).formatted(.fr) == "12,50\u{00A0}€")
        #expect(Money(cents: 123_450).formatted(.fr) == "1\u{00A0}234,50\u{00A0}€")
        #expect(Money(cents: -550).formatted(.fr) == "\u{2212}5,50\u{00A0}€")
        // Extremes a hostile row may hold, and every grouping width, in both languages.
        #expect(Money(cents: 0).formatted(.fr) == "0,00\u{00A0}€" && Money(cents: 0).formatted(.en) == "€0.00")
        #expect(Money(cents: -7).formatted(.en) == "\u{2212}€0.07")
        #expect(Money(cents: 100_000).formatted(.en) == "€1,000.00")
        #expect(Money(cents: 12_345_678).formatted(.fr) == "123\u{00A0}456,78\u{00A0}€")
        #expect(
            Money(cents: .min).formatted(.fr)
                == "\u{2212}92\u{00A0}233\u{00A0}720\u{00A0}368\u{00A0}547\u{00A0}758,08\u{00A0}€")
        #expect(Money(cents: .max).formatted(.en) == "€92,233,720,368,547,758.07")
    }

    @Test("backoff doubles from one minute and stops at the cap")
    func backoff() {
        let policy = RetryPolicy(maxBackoffMinutes: 60, maxAgeHours: 48)
        #expect((1...8).map { policy.delay(afterAttempt: $0) } == [60, 120, 240, 480, 960, 1920, 3600, 3600])
    }

    @Test("envelope addresses with CR/LF or brackets are refused")
    func addresses() {
        #expect(EmailAddress.isValid("camille@example.net"))
        #expect(!EmailAddress.isValid("camille@example.net\r\nRCPT TO:<x@y.z>"))
        #expect(!EmailAddress.isValid("<camille@example.net>"))
        #expect(!EmailAddress.isValid("camille"))
    }
}

@Suite struct UTCStringTests {
    @Test("the log's UTC times, by arithmetic, read as a Gregorian calendar reads them, far dates included")
    func sameAsCalendar() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let seconds: [TimeInterval] = [
            0, -1, 1_795_700_000.9, 951_782_400, 4_107_542_399, -12_219_292_800,
            Date.distantFuture.timeIntervalSince1970,
            86_399, -86_401,
        ]
        for t in seconds {
            let date = Date(timeIntervalSince1970: t)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            #expect(ScheduleTime.utcString(date) == expected, "\(t)")
        }
        // Before 1582 Foundation's calendar is Julian; ISO 8601 (and this) stays Gregorian. No trap either way.
        #expect(ScheduleTime.utcString(.distantPast) == "0000-12-30T00:00:00Z")
        #expect(ScheduleTime.utcString(Date(timeIntervalSince1970: .infinity)) == "1970-01-01T00:00:00Z")
        #expect(ScheduleTime.utcString(Date(timeIntervalSince1970: 1e300)).hasPrefix("33658-"))
    }
}

@Suite struct HumanDatesArithmeticTests {
    @Test("dates and times in words, by arithmetic, match a Gregorian calendar's across DST and odd offsets")
    func sameAsCalendar() {
        for zone in ["Europe/Paris", "America/Sao_Paulo", "Asia/Kathmandu", "Pacific/Chatham", "UTC"] {
            let timeZone = TimeZone(identifier: zone)!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let words = HumanDates(language: .fr, timeZone: timeZone)
            let months = [
                "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre",
            ]
            // Every 47 minutes over two years: every hour of the day, both DST changes of each year.
            var t: TimeInterval = 1_767_225_600  // 2026-01-01
            while t < 1_830_297_600 {
                let date = Date(timeIntervalSince1970: t)
                let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
                let day = c.day! == 1 ? "1er" : "\(c.day!)"
                #expect(words.date(date).hasSuffix(" \(day) \(months[c.month! - 1]) \(c.year!)"), "\(zone) \(t)")
                #expect(words.time(date) == "\(c.hour!)h\(c.minute! < 10 ? "0" : "")\(c.minute!)", "\(zone) \(t)")
                t += 47 * 60
            }
        }
    }
}
