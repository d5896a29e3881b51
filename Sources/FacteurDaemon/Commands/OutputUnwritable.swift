import Foundation

/// A file or folder a command was asked to write cannot be written (a web folder not the facteur user's):
/// said with the path and what to do, exit 73 (sysexits' "cannot create output file").
public struct OutputUnwritable: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "\(path): cannot be written (\(reason)); give it to the user Facteur runs as, "
            + "for example: install -d -o facteur -g facteur -m 755 \(path)"
    }

    /// Runs `body`, turning a file-system refusal into this error naming `path` (or the file refused).
    static func guarding<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as CocoaError
            where [.fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileWriteUnknown, .fileWriteOutOfSpace]
            .contains(error.code) || error.code == .fileNoSuchFile
        {
            var reason: String =
                switch error.code {
                case .fileWriteNoPermission: "permission denied"
                case .fileWriteVolumeReadOnly: "read-only file system"
                case .fileWriteOutOfSpace: "no space left"
                case .fileNoSuchFile: "its folder does not exist"
                default: "the system refused"
                }
            // The system's own words when Foundation kept them (ENOTDIR, EACCES…).
            if let underlying = error.underlying as NSError?, underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code)))
            }
            throw OutputUnwritable(path: path, reason: reason)
        }
    }
}
