// libFuzzer target over the relay's parsing and rewriting (FacteurMail): no input may crash or hang
// them, and whatever they emit must be CRLF-only, so SMTP carries it unchanged. Built by Scripts/fuzz-relay.
import FacteurCore
import FacteurMail

let envelope = RelayRewriter.Envelope(
    relayAddress: "legumes@lilas.example.org", contractName: "Légumes", amapName: "AMAP des Lilas",
    senderName: "Julie", replyTo: "julie@ferme.example", to: Mailbox(name: "Camille", address: "camille@example.net"),
    messageID: "relay.i1.m1.fuzz@lilas.example.org", kind: "relay", date: "Mon, 23 Nov 2026 10:00:00 +0100",
    footer: "—\nPour vous désinscrire, écrivez « désinscription ».")

@_cdecl("LLVMFuzzerTestOneInput")
public func relayFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let message = try? InboundParser.parse(bytes) else { return 0 }
    _ = message.decoded("Subject")
    _ = message.messageID
    _ = message.value("From").flatMap(AddressList.displayName(in:))
    _ = AutomaticMail.reason(message, ourAddresses: ["legumes@lilas.example.org"])
    _ = DeliveryReport(message)
    _ = AuthenticationResults.passes(message, authservID: "mx.lilas.example.org", senderDomain: "ferme.example")
    guard let out = try? RelayRewriter().rewrite(message, for: envelope) else { return 0 }
    var previous: UInt8 = 0
    for (i, b) in out.enumerated() {
        if b == 0x0A && previous != 0x0D { fatalError("bare LF at \(i)") }
        if previous == 0x0D && b != 0x0A { fatalError("bare CR at \(i - 1)") }
        previous = b
    }
    return 0
}
