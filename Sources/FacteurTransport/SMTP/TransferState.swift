/// The bytes being uploaded and the reply lines received, reached from libcurl's C callbacks through
/// `Unmanaged` userdata. Lives as long as the connection.
final class TransferState {
    var payload: [UInt8] = []
    var offset = 0
    var replies: [String] = []
    /// IMAP: bytes from the write callback, and every header-callback byte in order.
    var received: [UInt8] = []
    var headerBytes: [UInt8] = []

    func reset(payload: [UInt8]) {
        self.payload = payload
        offset = 0
        replies.removeAll(keepingCapacity: true)
    }

    /// `CURLOPT_READFUNCTION`: copies the next chunk of the message into libcurl's buffer.
    static let read: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
        let n = min(size * count, state.payload.count - state.offset)
        guard n > 0 else { return 0 }
        state.payload.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(buffer).copyMemory(from: raw.baseAddress! + state.offset, byteCount: n)
        }
        state.offset += n
        return n
    }

    /// `CURLOPT_HEADERFUNCTION`: every server reply line, kept for the log and the outcome.
    static let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        buffer, size, count, userdata in
        let n = size * count
        guard let buffer, let userdata else { return n }
        let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
        // Trimmed as bytes, then decoded once: this runs for every reply line of every message.
        var bytes = UnsafeRawBufferPointer(start: buffer, count: n)[...]
        while let last = bytes.last, last == 10 || last == 13 { bytes = bytes.dropLast() }
        if state.replies.count < 200 { state.replies.append(String(decoding: bytes, as: UTF8.self)) }
        return n
    }

    /// `CURLOPT_WRITEFUNCTION` for IMAP: keeps the bytes.
    static let collect: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        buffer, size, count, userdata in
        let n = size * count
        guard let buffer, let userdata else { return n }
        let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
        state.received.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
        return n
    }

    /// `CURLOPT_HEADERFUNCTION` for IMAP: keeps the raw bytes (a BODY.PEEK literal arrives here).
    static let collectHeader: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int =
        {
            buffer, size, count, userdata in
            let n = size * count
            guard let buffer, let userdata else { return n }
            let state = Unmanaged<TransferState>.fromOpaque(userdata).takeUnretainedValue()
            state.headerBytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
            return n
        }
}
