/// The outbox topics this schedule can produce notices about: the planner's memory is loaded for them.
extension Schedule {
    public var topics: [String] {
        distributions.map { "d\($0.id)" } + orderWindows.map { "w\($0.id)" }
            + debts.map { "b\($0.memberID)-\($0.contractID)" } + endedContracts.map { "c\($0)" }
    }
}
