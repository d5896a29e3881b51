/// A member ("mangeur") of one AMAP. A member without an email receives nothing and must be called.
public struct Member: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var amapID: Int64
    public var name: String
    public var email: String?
    public var phone: String?
    public var active: Bool

    public init(
        id: Int64, amapID: Int64, name: String, email: String? = nil, phone: String? = nil, active: Bool = true
    ) {
        self.id = id
        self.amapID = amapID
        self.name = name
        self.email = email
        self.phone = phone
        self.active = active
    }
}
