import FacteurCore
import FacteurStore
import FacteurSystem
import Foundation

/// Signs and checks the tokens of DESIGN §4–§5 (`TokenClaim` + HMAC-SHA-256 under the secret `init` made):
/// `u.7.announcement.` followed by 32 hex digits (the first 128 bits of the tag). A token cannot be guessed
/// or made from an address; it acts only for what its payload names.
public struct TokenSigner: Sendable {
    private let mac: MessageAuthentication

    public init(secret: [UInt8]) { mac = MessageAuthentication(key: secret) }

    /// The signer of this database, or an error telling the operator to run `init`.
    public static func load(_ store: Store) async throws -> TokenSigner {
        guard let secret = try await store.tokenSecret() else { throw MissingSecret(path: store.path) }
        return TokenSigner(secret: secret)
    }

    struct MissingSecret: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path): no token secret yet: run facteur init" }
    }

    public func token(_ claim: TokenClaim) -> String {
        let payload = claim.payload
        return payload + "." + Hex.encode(signature(payload))
    }

    /// The claim of a well-formed, correctly signed token; nil for anything else.
    public func verify(_ token: String) -> TokenClaim? {
        guard let dot = token.lastIndex(of: ".") else { return nil }
        let payload = String(token[..<dot])
        let signature = String(token[token.index(after: dot)...])
        guard signature.count == 32, let claim = TokenClaim(payload: payload),
            let given = Hex.decode(signature), MessageAuthentication.equal(given, self.signature(payload))
        else { return nil }
        return claim
    }

    /// Every valid token in a text (a subject, a body, `In-Reply-To`), in order, each once. A token may be
    /// embedded in a longer word (a Message-ID's local part), so every suffix of each word is tried.
    public func claims(in text: String) -> [TokenClaim] {
        var found: [TokenClaim] = []
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") })
        for word in words where word.count > 33 {
            let segments = word.split(separator: ".", omittingEmptySubsequences: false)
            guard segments.count >= 3, let last = segments.last, last.count == 32 else { continue }
            for start in 0..<(segments.count - 1) {
                let candidate = segments[start...].joined(separator: ".")
                if let claim = verify(candidate), !found.contains(claim) {
                    found.append(claim)
                    break
                }
            }
        }
        return found
    }

    private func signature(_ payload: String) -> [UInt8] {
        Array(mac.tag(Array(("facteur-token-v1:" + payload).utf8)).prefix(16))
    }
}
