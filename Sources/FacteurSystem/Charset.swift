import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Text in any charset a mail client may use (windows-1252, ISO-8859-15, ISO-2022-JP, KOI8-R…) decoded through
/// glibc's iconv: hand-written tables would always miss the next one.
public enum Charset {
    /// `bytes` in `name` as a String, or nil when iconv does not know the charset or the bytes are not in it.
    public static func decode(_ bytes: [UInt8], charset name: String) -> String? {
        let label = name.trimmingCharacters(in: .whitespaces).lowercased()
        if label.isEmpty || label == "utf-8" || label == "utf8" || label == "us-ascii" || label == "ascii" {
            return String(validating: bytes, as: UTF8.self)
        }
        let converter = iconv_open("UTF-8", label)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: max(16, bytes.count * 4 + 16))
        var result: [UInt8] = []
        let ok = input.withUnsafeMutableBufferPointer { inBuffer -> Bool in
            var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            var inLeft = inBuffer.count
            while true {
                let done = output.withUnsafeMutableBufferPointer { outBuffer -> Bool? in
                    var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress).map {
                        $0.assumingMemoryBound(to: CChar.self)
                    }
                    var outLeft = outBuffer.count
                    let rc = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    result += outBuffer[0..<(outBuffer.count - outLeft)]
                    if rc != -1 { return true }
                    return errno == E2BIG ? nil : false
                }
                if let done { return done }
            }
        }
        guard ok else { return nil }
        return String(validating: result, as: UTF8.self)
    }
}
