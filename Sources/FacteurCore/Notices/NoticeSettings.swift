import Foundation

/// The timing numbers of DESIGN §2, from `notices.<kind>.…` in the configuration.
public struct NoticeSettings: Sendable, Equatable {
    public var announcementLeadHours: Double = 48
    public var announcementMinNoticeHours: Double = 2
    public var dutyCallLeadHours: Double = 96
    /// `notices.duty_reminder.lead_hours`: the reminder to those on duty, before the distribution.
    public var dutyReminderLeadHours: Double = 24
    /// `notices.producer_sheet.lead_hours`: the latest the sheet goes, before the round's first distribution.
    public var producerSheetLeadHours: Double = 24
    public var orderReminderHoursBeforeClose: Double = 24
    public var negativeBalanceThresholdCents: Int64 = 0
    public var negativeBalanceRepeatDays: Double = 7
    public var statementDaysAfterEnd: Int = 3
    /// `digest.at`, minutes after local midnight.
    public var digestAtMinutes = 8 * 60
    public var quietHours: QuietHours = .standard
    /// At most this many notices are planned per pass, so memory stays bounded whatever the network's size;
    /// the rest is planned by the next pass, at once.
    public var maximumNoticesPerPass = 20_000
    /// Expired notices are recorded without a body: a pass may take many more of them.
    public var maximumExpiredPerPass = 50_000
    /// How far back a missed notice is still recorded as `expired` (older history is ignored).
    public var lookbackHours: Double = 7 * 24

    public init() {}
}
