internal import CCurl

/// libcurl's result code (`CURLcode`), with names and predicates for the ones Facteur decides on, as
/// swift-system names `Errno`: the classifier reads `.isTLSFailure`, not a list of sixteen integers.
public struct CurlCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    init(_ code: CURLcode) { rawValue = Int(code.rawValue) }

    public static let ok = CurlCode(CURLE_OK)
    public static let couldNotResolveProxy = CurlCode(CURLE_COULDNT_RESOLVE_PROXY)
    public static let couldNotResolveHost = CurlCode(CURLE_COULDNT_RESOLVE_HOST)
    public static let couldNotConnect = CurlCode(CURLE_COULDNT_CONNECT)
    public static let operationTimedOut = CurlCode(CURLE_OPERATION_TIMEDOUT)
    public static let receiveError = CurlCode(CURLE_RECV_ERROR)
    public static let loginDenied = CurlCode(CURLE_LOGIN_DENIED)
    public static let remoteFileNotFound = CurlCode(CURLE_REMOTE_FILE_NOT_FOUND)
    /// Not libcurl's: a handle could not be created (`curl_easy_init` returned NULL).
    public static let noHandle = CurlCode(rawValue: -1)

    /// TLS could not be set up or verified (handshake, certificate, pinned key, CRL, engine…): a
    /// configuration matter, never a reason to retry the message elsewhere.
    public var isTLSFailure: Bool { Self.tls.contains(self) }

    /// No connection was made at all (proxy or host unresolvable, refused).
    public var isNoConnection: Bool {
        self == .couldNotResolveProxy || self == .couldNotResolveHost || self == .couldNotConnect
    }

    /// The connection broke or timed out: after `354` and the data, the message may have been accepted.
    public var isCutOff: Bool { self == .receiveError || self == .operationTimedOut }

    public var description: String { "\(rawValue)" }

    private static let tls: Set<CurlCode> = [
        CurlCode(CURLE_SSL_CONNECT_ERROR), CurlCode(CURLE_PEER_FAILED_VERIFICATION),
        CurlCode(CURLE_SSL_ENGINE_NOTFOUND), CurlCode(CURLE_SSL_ENGINE_SETFAILED), CurlCode(CURLE_SSL_CERTPROBLEM),
        CurlCode(CURLE_SSL_CIPHER), CurlCode(CURLE_USE_SSL_FAILED), CurlCode(CURLE_SSL_ENGINE_INITFAILED),
        CurlCode(CURLE_SSL_CACERT_BADFILE), CurlCode(CURLE_SSL_SHUTDOWN_FAILED), CurlCode(CURLE_SSL_CRL_BADFILE),
        CurlCode(CURLE_SSL_ISSUER_ERROR), CurlCode(CURLE_SSL_PINNEDPUBKEYNOTMATCH), CurlCode(CURLE_SSL_INVALIDCERTSTATUS),
        CurlCode(CURLE_SSL_CLIENTCERT),
        CurlCode(CURLE_OBSOLETE51),  // CURLE_SSL_PEER_CERTIFICATE before 7.62
    ]
}
