internal import CCrypto

/// Random bytes from libcrypto's generator (`RAND_bytes`, seeded by the kernel): every queued notice's
/// Message-ID takes eight, and asking the kernel for each (`getrandom`, what `SystemRandomNumberGenerator`
/// does) was a system call a notice (issue 15).
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(clamping: $0.count)) }
        if ok != 1 {  // libcrypto could not seed itself: the kernel's generator, a call a byte group
            var generator = SystemRandomNumberGenerator()
            for i in out.indices { out[i] = generator.next() }
        }
        return out
    }
}
