/// The outbox topics this schedule can produce notices about: the planner's memory is loaded for them.
extension Schedule {
    public var topics: [String] {
        distributions.map { "d\($0.id)" } + orderWindows.map { "w\($0.id)" }
            + debts.map { "b\($0.memberID)-\($0.contractID)" } + endedContracts.map { "c\($0)" }
            + coordinatorIDs.map { "g\($0)" }
            + Planner.rounds(self).map { Planner.sheetTopic(producer: $0.producer, date: $0.date) }
    }

    /// Members who coordinate at least one contract: the digest's readers.
    public var coordinatorIDs: [Int64] {
        Array(Set(contracts.values.compactMap(\.coordinatorID))).filter { members[$0] != nil }.sorted()
    }
}
