/// A season's agreement between an AMAP's members and one producer.
public struct Contract: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var amapID: Int64
    public var producerID: Int64
    public var name: String
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var coordinatorID: Int64?
    public var relayAddress: String?
    public var orderURL: String?

    public init(
        id: Int64, amapID: Int64, producerID: Int64, name: String, startsOn: LocalDate, endsOn: LocalDate,
        coordinatorID: Int64? = nil, relayAddress: String? = nil, orderURL: String? = nil
    ) {
        self.id = id
        self.amapID = amapID
        self.producerID = producerID
        self.name = name
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.coordinatorID = coordinatorID
        self.relayAddress = relayAddress
        self.orderURL = orderURL
    }
}
