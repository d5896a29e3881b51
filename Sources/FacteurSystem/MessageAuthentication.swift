internal import CCrypto
import Foundation

/// HMAC-SHA-256 (OpenSSL's libcrypto, `HMAC` with `EVP_sha256`): signs the tokens of unsubscribe links,
/// moderation replies and volunteers' answers, so none can be forged from an address or guessed.
public struct MessageAuthentication: Sendable {
    private let key: [UInt8]
    /// The key already in a MAC context, copied for each tag; nil for an empty key, which the one-shot call signs.
    private let prepared: PreparedKey?

    public init(key: [UInt8]) {
        self.key = key
        prepared = key.isEmpty ? nil : PreparedKey(key)
    }

    /// The 32-byte tag of `data`.
    public func tag(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = data.withUnsafeBufferPointer { d in
            if let prepared {
                return ccrypto_hmac_sha256_prepared(prepared.context, d.baseAddress, d.count, &out)
            }
            return key.withUnsafeBytes { k in
                ccrypto_hmac_sha256(k.baseAddress, Int32(k.count), d.baseAddress, d.count, &out)
            }
        }
        precondition(ok == 1, "HMAC-SHA-256 failed in libcrypto")  // only on allocation failure
        return out
    }

    /// Compares two tags in time independent of where they differ.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}

/// libcrypto's MAC context holding the key. It is only ever read (each tag works on a copy), so the rendering
/// lanes share it.
private final class PreparedKey: @unchecked Sendable {
    let context: OpaquePointer

    init?(_ key: [UInt8]) {
        guard let context = key.withUnsafeBytes({ ccrypto_hmac_sha256_prepare($0.baseAddress, $0.count) }) else {
            return nil
        }
        self.context = context
    }

    deinit { ccrypto_hmac_sha256_release(context) }
}
