/// Who a notice goes to: one person, one address. Members never see each other's addresses.
public struct Recipient: Sendable, Equatable, Hashable {
    public var memberID: Int64?
    public var name: String
    public var email: String

    public init(memberID: Int64?, name: String, email: String) {
        self.memberID = memberID
        self.name = name
        self.email = email
    }
}
