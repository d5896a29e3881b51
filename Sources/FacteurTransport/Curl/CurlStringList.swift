internal import CCurl

/// Owns a `curl_slist` (recipient list); it must outlive the transfer that uses it.
final class CurlStringList {
    private(set) var handle: UnsafeMutablePointer<curl_slist>?

    init(_ strings: [String]) {
        for s in strings { handle = curl_slist_append(handle, s) }
    }

    deinit { curl_slist_free_all(handle) }
}

@available(*, unavailable)
extension CurlStringList: Sendable {}
