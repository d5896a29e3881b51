import FacteurCore
import Foundation
import Testing

@Suite struct HexTests {
    @Test("hex round-trips bytes and refuses what is not lower-case hex of even length")
    func roundTrip() {
        let bytes: [UInt8] = [0, 1, 0x7f, 0x80, 0xab, 0xff]
        #expect(Hex.encode(bytes) == "00017f80abff")
        #expect(Hex.decode("00017f80abff") == bytes)
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.encode(all) == all.map { String(format: "%02x", $0) }.joined())
        #expect(Hex.decode(Hex.encode(all)) == all)
        #expect(Hex.encode([]) == "" && Hex.decode("") == [])
        #expect(Hex.decode("0") == nil && Hex.decode("0G") == nil && Hex.decode("AB") == nil)
    }
}
