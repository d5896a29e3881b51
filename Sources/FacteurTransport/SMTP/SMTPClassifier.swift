/// Turns (CURLcode, response code, reply lines) into an `SMTPOutcome`.
enum SMTPClassifier {
    static func classify(curlCode: CurlCode, message: String, responseCode: Int, replies: [String]) -> SMTPOutcome {
        let reply = replyLine(for: responseCode, in: replies) ?? message
        if curlCode == .ok { return .accepted(code: responseCode, reply: reply) }
        if responseCode == 354 && curlCode.isCutOff {
            return .uncertain(detail: "no reply after the end of data (curl \(curlCode): \(message))")
        }
        if curlCode == .loginDenied { return .systemic(code: responseCode, detail: "authentication refused: \(reply)") }
        if curlCode.isTLSFailure {
            return .systemic(code: responseCode, detail: "TLS failure (curl \(curlCode)): \(message)")
        }
        if isPolicy(reply) || [530, 534, 535, 538].contains(responseCode) {
            return .systemic(code: responseCode, detail: "policy rejection: \(reply)")
        }
        // Refused, unresolvable, 421, or a conversation that broke before any verdict on the message
        // (timeout during greeting or AUTH): nothing was delivered and the server, not the message, is at fault.
        if curlCode.isNoConnection || responseCode < 400 || responseCode == 421 {
            return .unreachable(detail: "curl \(curlCode): \(responseCode == 421 ? reply : message)")
        }
        switch responseCode {
        case 400..<500: return .temporary(code: responseCode, reply: reply)
        case 500..<600: return .permanent(code: responseCode, reply: reply)
        default: return .temporary(code: responseCode, reply: "curl \(curlCode): \(message)")
        }
    }

    /// An enhanced status code `5.7.x` anywhere in the reply marks a policy refusal of the sender.
    static func isPolicy(_ reply: String) -> Bool {
        let words = reply.split(separator: " ")
        return words.prefix(3).contains { $0.hasPrefix("5.7.") }
    }

    /// The last reply line carrying the response code (after a RCPT failure the last line is `221 Bye`).
    static func replyLine(for code: Int, in lines: [String]) -> String? {
        guard code > 0 else { return nil }
        let prefix = String(code)
        return lines.last { $0.hasPrefix(prefix + " ") || $0.hasPrefix(prefix + "-") }
    }
}
