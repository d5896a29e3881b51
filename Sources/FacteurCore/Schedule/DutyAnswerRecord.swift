import Foundation

/// A volunteer's answer by mail, as recorded when it took effect (or changed nothing).
public struct DutyAnswerRecord: Sendable, Equatable {
    public var distributionID: Int64
    public var memberID: Int64
    public var answer: DistributionNotice.DutyAnswer
    public var at: Date

    public init(distributionID: Int64, memberID: Int64, answer: DistributionNotice.DutyAnswer, at: Date) {
        self.distributionID = distributionID
        self.memberID = memberID
        self.answer = answer
        self.at = at
    }
}
