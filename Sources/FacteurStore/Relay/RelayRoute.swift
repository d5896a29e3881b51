import FacteurCore

/// Everything the relay needs about the contract behind a relay address.
public struct RelayRoute: Sendable {
    public var contract: Contract
    public var amap: Amap
    public var producer: Producer?
    public var coordinator: Member?
    /// Active subscribers with an address, whether or not they opted out of `relay`.
    public var subscribers: [Member]
    /// Those who refuse relayed mail (`preference.kind = 'relay'`).
    public var optedOut: Set<Int64>

    public enum SenderRole: Sendable, Equatable {
        case producer
        case coordinator
        case subscriber(Member)
        case unknown
    }

    public func role(of address: String) -> SenderRole {
        let a = address.lowercased()
        if let p = producer?.email?.lowercased(), p == a { return .producer }
        if let c = coordinator?.email?.lowercased(), c == a { return .coordinator }
        if let m = subscribers.first(where: { $0.email?.lowercased() == a }) { return .subscriber(m) }
        return .unknown
    }
}
