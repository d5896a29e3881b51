import Foundation
import Synchronization

/// The span during which no Facteur is known to have run, as this process found it when it started, until its first
/// planning pass is recorded (see `NoticePlanning.stopped`). Shared by the copies of the engine the daemon holds.
final class StoppedSpan: Sendable {
    private let span: Mutex<Range<Date>?>

    init(_ span: Range<Date>?) { self.span = Mutex(span) }

    var current: Range<Date>? { span.withLock { $0 } }

    func letGo() { span.withLock { $0 = nil } }
}
