import Foundation
import Testing

@testable import FacteurDaemon

@Suite struct LoggerTests {
    @Test("log timestamps are ISO 8601 UTC with milliseconds, computed without a formatter")
    func timestamps() {
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 1_795_714_200.25)) == "2026-11-26T17:30:00.250Z")
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Logger.quote("a b") == "\"a b\"")
    }

    final class Writes: @unchecked Sendable {
        // Safe because: appended from the one calling thread, read after.
        var chunks: [String] = []
    }

    @Test("a chunk's lines go out in writes of at most PIPE_BUF bytes, whole lines, all of them, in order")
    func atomicWrites() {
        let writes = Writes()
        let logger = Logger(sink: { writes.chunks.append($0) })
        let lines = (0..<200).map { i in
            Logger.line(.info, "queued", ["key": "announcement/d\(i)/m\(i * 7)", "send_after": "2026-12-08T17:30:00Z"])
        }
        let long = String(repeating: "é", count: 3000)  // one line longer than PIPE_BUF goes alone, whole
        let all: [String] = lines + [long] + Array(lines.prefix(3))
        logger.write(lines: all)
        #expect(writes.chunks.count > 1)
        let bounded = writes.chunks.dropLast(2).allSatisfy { $0.utf8.count + 1 <= 4096 }
        #expect(bounded)
        let written: [String] = writes.chunks.flatMap { $0.split(separator: "\n").map(String.init) }
        #expect(written == all)
        let before = writes.chunks.count
        logger.write(lines: [])
        #expect(writes.chunks.count == before)
    }
}
