/// Balances by (member, contract), built once per pass for the debt reminders, the digests and the status page.
public struct BalanceIndex: Sendable {
    private struct Pair: Hashable, Sendable {
        var member: Int64
        var contract: Int64
    }

    private var balances: [Pair: Balance] = [:]

    public init(_ schedule: Schedule) {
        for b in schedule.balances where balances[Pair(member: b.memberID, contract: b.contractID)] == nil {
            balances[Pair(member: b.memberID, contract: b.contractID)] = b
        }
    }

    public subscript(member: Int64, contract: Int64) -> Balance? { balances[Pair(member: member, contract: contract)] }
}
