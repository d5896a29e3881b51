internal import CCurl

/// One reused easy handle speaking IMAP. Untagged responses and literals arrive through the header
/// callback (measured on libcurl 7.88.1), the rest through the write callback: both are collected.
final class IMAPConnection {
    private let easy: CurlEasy
    private let state = TransferState()
    private let settings: IMAPSettings

    init(settings: IMAPSettings) throws(CurlError) {
        self.settings = settings
        easy = try CurlEasy()
        try easy.configureSession(
            security: settings.security, username: settings.username, password: settings.password,
            caFile: settings.caFile, verifyCertificates: settings.verifyCertificates,
            timeoutSeconds: settings.timeoutSeconds)
        // Room for long SEARCH answers (libcurl truncates lines over half the buffer).
        try easy.set(CURLOPT_BUFFERSIZE, 512 * 1024)
        try easy.set(CURLOPT_WRITEFUNCTION, function: TransferState.collect)
        try easy.set(CURLOPT_HEADERFUNCTION, function: TransferState.collectHeader)
        let userdata = Unmanaged.passUnretained(state).toOpaque()
        try easy.set(CURLOPT_WRITEDATA, pointer: userdata)
        try easy.set(CURLOPT_HEADERDATA, pointer: userdata)
    }

    /// Runs a command on the mailbox; returns (header bytes, body bytes).
    func command(_ command: String?, path: String, operation: String) throws(IMAPError) -> (
        header: [UInt8], body: [UInt8]
    ) {
        state.reset(payload: [])
        state.received.removeAll(keepingCapacity: true)
        state.headerBytes.removeAll(keepingCapacity: true)
        do {
            try easy.set(CURLOPT_URL, settings.server + "/" + path)
            if let command {
                try easy.set(CURLOPT_CUSTOMREQUEST, command)
            } else {
                try easy.set(CURLOPT_CUSTOMREQUEST, pointer: nil)
            }
        } catch {
            throw IMAPError(curlCode: error.code, message: error.message, operation: operation)
        }
        let (code, message) = easy.perform()
        guard code == .ok else { throw IMAPError(curlCode: code, message: message, operation: operation) }
        return (state.headerBytes, state.received)
    }
}

@available(*, unavailable)
extension IMAPConnection: Sendable {}
