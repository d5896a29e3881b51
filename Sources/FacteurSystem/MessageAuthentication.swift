internal import CCrypto
import Foundation

/// HMAC-SHA-256 (OpenSSL's libcrypto, `HMAC` with `EVP_sha256`): signs the tokens of unsubscribe links,
/// moderation replies and volunteers' answers, so none can be forged from an address or guessed.
public struct MessageAuthentication: Sendable {
    private let key: [UInt8]

    public init(key: [UInt8]) { self.key = key }

    /// The 32-byte tag of `data`.
    public func tag(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        let ok = key.withUnsafeBytes { k in
            data.withUnsafeBufferPointer { d in
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
