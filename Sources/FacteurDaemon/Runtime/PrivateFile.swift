import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files that hold personal data (the coordinators' status page, the list of private feed names) are
/// written with a mode that keeps other local users out, whatever the umask: first to a new file beside
/// the target, created with that mode, then renamed over it, so a reader never sees half a file.
enum PrivateFile {
    /// Owner read-write, group read: a web server in the owner's group may serve it, nobody else reads it.
    static let ownerAndGroup: mode_t = 0o640
    static let ownerOnly: mode_t = 0o600

    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String { "\(path): cannot write it: \(String(cString: strerror(errno)))" }
    }

    static func write(_ data: Data, to path: String, mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw WriteError(path: path, errno: errno) }
        _ = fchmod(fd, mode)  // the umask may have taken bits away; never adds any beyond `mode`
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        guard failure == 0, rename(temporary, path) == 0 else {
            let code = failure != 0 ? failure : errno
            unlink(temporary)
            throw WriteError(path: path, errno: code)
        }
    }

    /// Whether a file exists and other users (not owner, not group) may read it.
    static func isReadableByOthers(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & 0o004 != 0
    }
}
