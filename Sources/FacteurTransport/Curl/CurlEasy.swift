internal import CCurl

/// Owns one easy handle (`curl_easy_init` … `curl_easy_cleanup`). Reusing it across messages reuses
/// the connection. Not Sendable: one owner, one thread at a time.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    /// `CURLOPT_ERRORBUFFER`: must live as long as the handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private static let errorSize = 256

    init() throws(CurlError) {
        guard let h = curl_easy_init() else {
            throw CurlError(code: .noHandle, message: "curl_easy_init returned NULL", operation: "creating a handle")
        }
        handle = h
        errorBuffer = .allocate(capacity: CurlEasy.errorSize)
        errorBuffer.initialize(repeating: 0, count: CurlEasy.errorSize)
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    private func check(_ rc: CURLcode, _ option: CURLoption) throws(CurlError) {
        guard rc == CURLE_OK else {
            throw CurlError(
                code: CurlCode(rc), message: String(cString: curl_easy_strerror(rc)),
                operation: "setting option \(option.rawValue)")
        }
    }

    func set(_ option: CURLoption, _ value: Int) throws(CurlError) {
        try check(ccurl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(CurlError) {
        try check(ccurl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(CurlError) {
        try check(ccurl_setopt_pointer(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, list: CurlStringList) throws(CurlError) {
        try check(ccurl_setopt_slist(handle, option, list.handle), option)
    }

    func set(_ option: CURLoption, size: Int64) throws(CurlError) {
        try check(ccurl_setopt_off_t(handle, option, curl_off_t(size)), option)
    }

    func set(_ option: CURLoption, function: ccurl_data_callback) throws(CurlError) {
        try check(ccurl_setopt_data_function(handle, option, function), option)
    }

    /// `curl_easy_perform`: returns the CURLcode and libcurl's message for it.
    func perform() -> (code: CurlCode, message: String) {
        errorBuffer[0] = 0
        let rc = curl_easy_perform(handle)
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: curl_easy_strerror(rc))
        return (CurlCode(rc), detail)
    }

    /// `CURLINFO_RESPONSE_CODE`: the last SMTP/IMAP reply code.
    var responseCode: Int {
        var code = 0
        _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code)
        return code
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}
