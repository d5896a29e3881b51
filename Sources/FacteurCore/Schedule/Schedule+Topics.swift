/// The outbox topics this schedule can produce notices about: the planner's memory is loaded for them.
extension Schedule {
    public var topics: [NoticeSubject] {
        distributions.map { .distribution($0.id) } + orderWindows.map { .orderWindow($0.id) }
            + debts.map { .debt(member: $0.memberID, contract: $0.contractID) } + endedContracts.map { .endedContract($0) }
            + coordinatorIDs.map { .coordinator($0) }
            + Planner.rounds(self).map { .round(producer: $0.producer, date: $0.date) }
    }

    /// Members who coordinate at least one contract: the digest's readers.
    public var coordinatorIDs: [Int64] {
        Array(Set(contracts.values.compactMap(\.coordinatorID))).filter { members[$0] != nil }.sorted()
    }
}
