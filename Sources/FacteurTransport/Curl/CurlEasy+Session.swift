internal import CCurl

/// The options SMTP and IMAP connections share: TLS policy, credentials, certificate checks, timeouts.
extension CurlEasy {
    func configureSession(
        security: SMTPSettings.Security, username: String?, password: String?, caFile: String?,
        verifyCertificates: Bool, timeoutSeconds: Int
    ) throws(CurlError) {
        switch security {
        // STARTTLS is required, never merely tried: a server that does not offer it fails closed.
        case .starttls, .implicit: try set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue))
        case .none: try set(CURLOPT_USE_SSL, Int(CURLUSESSL_NONE.rawValue))
        }
        if let username { try set(CURLOPT_USERNAME, username) }
        if let password { try set(CURLOPT_PASSWORD, password) }
        if let caFile { try set(CURLOPT_CAINFO, caFile) }
        if !verifyCertificates {
            try set(CURLOPT_SSL_VERIFYPEER, 0)
            try set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        try set(CURLOPT_CONNECTTIMEOUT, min(timeoutSeconds, 30))
        try set(CURLOPT_SERVER_RESPONSE_TIMEOUT, timeoutSeconds)
        try set(CURLOPT_LOW_SPEED_LIMIT, 1)
        try set(CURLOPT_LOW_SPEED_TIME, timeoutSeconds)
    }
}
