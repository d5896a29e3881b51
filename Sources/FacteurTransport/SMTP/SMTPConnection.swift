internal import CCurl
import FacteurCore

/// One reused easy handle speaking SMTP: the connection persists across messages (libcurl reconnects
/// by itself after an idle close). Not Sendable; `SMTPTransport` owns it.
final class SMTPConnection {
    private let easy: CurlEasy
    private let state = TransferState()
    private var recipients: CurlStringList?

    init(settings: SMTPSettings) throws(CurlError) {
        easy = try CurlEasy()
        try easy.set(CURLOPT_URL, settings.effectiveURL)
        try easy.configureSession(
            security: settings.security, username: settings.username, password: settings.password,
            caFile: settings.caFile, verifyCertificates: settings.verifyCertificates,
            timeoutSeconds: settings.timeoutSeconds)
        // The credentials travel with AUTH itself (RFC 4954 initial response): one round trip fewer, and
        // no hang on servers that send an empty "334 " challenge.
        try easy.set(CURLOPT_SASL_IR, 1)
        try easy.set(CURLOPT_MAXAGE_CONN, 60)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_READFUNCTION, function: TransferState.read)
        try easy.set(CURLOPT_HEADERFUNCTION, function: TransferState.header)
        let userdata = Unmanaged.passUnretained(state).toOpaque()
        try easy.set(CURLOPT_READDATA, pointer: userdata)
        try easy.set(CURLOPT_HEADERDATA, pointer: userdata)
    }

    /// Connects, greets, negotiates TLS and authenticates, then stops (`CURLOPT_CONNECT_ONLY`): the
    /// reachability check of `facteur check`, sending nothing.
    func probe() -> SMTPOutcome {
        do { try easy.set(CURLOPT_CONNECT_ONLY, 1) } catch { return .systemic(code: 0, detail: error.description) }
        state.reset(payload: [])
        let (code, text) = easy.perform()
        return SMTPClassifier.classify(
            curlCode: code, message: text, responseCode: easy.responseCode, replies: state.replies)
    }

    /// One SMTP transaction: MAIL FROM, one RCPT, DATA with the stored bytes.
    func send(from: String, to: String, message: [UInt8]) -> (SMTPOutcome, [String]) {
        guard EmailAddress.isValid(from) else { return (.invalidAddress("envelope sender"), []) }
        guard EmailAddress.isValid(to) else { return (.invalidAddress("recipient"), []) }
        do {
            try easy.set(CURLOPT_MAIL_FROM, "<\(from)>")
            let list = CurlStringList(["<\(to)>"])
            try easy.set(CURLOPT_MAIL_RCPT, list: list)
            recipients = list
            try easy.set(CURLOPT_INFILESIZE_LARGE, size: Int64(message.count))
        } catch {
            return (.systemic(code: 0, detail: error.description), [])
        }
        state.reset(payload: message)
        let (code, text) = easy.perform()
        let outcome = SMTPClassifier.classify(
            curlCode: code, message: text, responseCode: easy.responseCode, replies: state.replies)
        return (outcome, state.replies)
    }
}

@available(*, unavailable)
extension SMTPConnection: Sendable {}
