import Testing

@testable import FacteurDaemon

/// How a pass is cut into the chunks rendered while the previous one is written: at most 200 to render, at most
/// 2,000 in all (records of notices seen too late are not rendered).
@Suite struct PlanningChunkTests {
    @Test("chunks cover every notice once, in order, within both limits")
    func limits() {
        // 450 to send, then 5,000 expired records, then 3 to send, then 1 expired.
        let expired =
            [Bool](repeating: false, count: 450) + [Bool](repeating: true, count: 5_000) + [false, false, false, true]
        let chunks = NoticePlanning.chunks(expired: expired)
        #expect(chunks.first?.lowerBound == 0 && chunks.last?.upperBound == expired.count)
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(chunks.allSatisfy { !$0.isEmpty && $0.count <= 2_000 })
        #expect(chunks.allSatisfy { range in expired[range].filter { !$0 }.count <= 200 })
        #expect(chunks.map(\.count) == [200, 200, 2_000, 2_000, 1_054])
        #expect(NoticePlanning.chunks(expired: []).isEmpty)
        #expect(NoticePlanning.chunks(expired: [Bool](repeating: false, count: 200)) == [0..<200])
    }
}
