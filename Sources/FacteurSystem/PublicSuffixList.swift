internal import CPSL
import Foundation

/// Organizational domains (RFC 7489 §3.2) through libpsl and Debian's `publicsuffix` data: DMARC's relaxed
/// alignment lets `example.net` vouch for `ferme.example.net`, while a public suffix (`co.uk`, `github.io`)
/// vouches for no one.
public enum PublicSuffixList {
    /// The registrable domain of `domain` (`psl_registrable_domain` over `psl_latest`, the newer of the
    /// built-in list and /usr/share/publicsuffix), or nil when `domain` is itself a public suffix.
    public static func organizationalDomain(_ domain: String) -> String? {
        let lowered = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        guard !lowered.isEmpty, let psl = context.handle else { return nil }
        // The result points into the argument: read it while the argument's buffer is still alive.
        return lowered.withCString { name in
            psl_registrable_domain(psl, name).map { String(cString: $0) }
        }
    }

    /// True when both domains have the same organizational domain.
    public static func aligned(_ a: String, _ b: String) -> Bool {
        guard let x = organizationalDomain(a), let y = organizationalDomain(b) else { return false }
        return x == y
    }

    private static let context = Context()

    /// Owns the loaded list for the process's life.
    private final class Context: @unchecked Sendable {
        // Safe because: libpsl contexts are read-only once loaded; lookups do not mutate them.
        let handle: OpaquePointer?
        init() { handle = psl_latest(nil) }
        deinit { if let handle { psl_free(handle) } }
    }
}
