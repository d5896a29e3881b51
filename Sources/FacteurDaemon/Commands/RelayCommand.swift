/// `facteur relay receive|approve|reject`: the contract addresses' relay (DESIGN §5).
public struct RelayCommand: Command {
    public static let name = "relay"
    public static let summary = "relay receive [--recipient ADDR] | approve ID | reject ID"
    public static let help = """
        usage: facteur relay receive --config FILE [--recipient ADDR]
               facteur relay approve ID --config FILE
               facteur relay reject ID --config FILE

        Relays producers' and members' mail through the contract's relay_address.
        Not available in this version yet: it exits 75 (temporary failure), so an MTA keeps the message
        and delivers it again later: nothing is lost.

        example: facteur relay receive --config /etc/facteur/facteur.json --recipient legumes@amap.example.org
        """

    var action: String

    public init(arguments: inout Arguments) throws(UsageError) {
        guard let action = arguments.positional(), ["receive", "approve", "reject"].contains(action) else {
            throw UsageError("relay needs receive, approve ID or reject ID")
        }
        self.action = action
        _ = try arguments.option("--recipient")
        if action != "receive" {
            guard arguments.positional() != nil else { throw UsageError("relay \(action) needs a message ID") }
        }
    }

    public func run(_ context: CommandContext) async throws -> Int32 {
        context.output("relay \(action): the relay is not available in this version")
        return ExitCode.tempFail
    }
}
