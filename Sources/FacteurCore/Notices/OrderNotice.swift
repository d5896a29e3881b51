/// What `order_open` and `order_reminder` tell a subscriber about an order window.
public struct OrderNotice: Sendable, Equatable {
    public var window: OrderWindow
    public var contract: String
    public var producer: String
    public var farm: String?
    public var orderURL: String?
    /// When the window's distribution takes place, if it names one.
    public var distribution: Distribution?

    public init(
        window: OrderWindow, contract: String, producer: String, farm: String?, orderURL: String?,
        distribution: Distribution?
    ) {
        self.window = window
        self.contract = contract
        self.producer = producer
        self.farm = farm
        self.orderURL = orderURL
        self.distribution = distribution
    }
}
