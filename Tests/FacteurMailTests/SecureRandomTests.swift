import FacteurSystem
import Testing

/// Message-IDs take their random part here: it must be as long as asked and never repeat.
@Suite struct SecureRandomTests {
    @Test("random bytes: the length asked, and 10,000 draws of eight bytes all different")
    func draws() {
        #expect(SecureRandom.bytes(0).isEmpty)
        #expect(SecureRandom.bytes(33).count == 33)
        let draws = (0..<10_000).map { _ in SecureRandom.bytes(8) }
        #expect(Set(draws).count == draws.count)
        // Not a constant: every byte value turns up across the draws.
        #expect(Set(draws.joined()).count == 256)
    }
}
