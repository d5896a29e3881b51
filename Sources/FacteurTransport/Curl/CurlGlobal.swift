internal import CCurl

/// `curl_global_init`, called once from `main` before any task starts.
public enum CurlGlobal {
    public static func initialize() {
        curl_global_init(ccurl_global_default())
    }

    /// `curl_version_info`: the library's version string, for `check` and logs.
    public static var version: String {
        guard let info = curl_version_info(CURLVERSION_TENTH), let v = info.pointee.version else { return "unknown" }
        return String(cString: v)
    }
}
