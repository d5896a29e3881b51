/// A farmer ("producteur") who delivers under one or more contracts.
public struct Producer: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var farm: String?
    public var email: String?

    public init(id: Int64, name: String, farm: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.farm = farm
        self.email = email
    }
}
