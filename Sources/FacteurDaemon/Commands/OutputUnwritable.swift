import FacteurCore
import Foundation

/// A file or folder a command was asked to write cannot be written (a web folder not the facteur user's):
/// said with the path, the system's reason and what to do, in the configuration's language; exit 73
/// (sysexits' "cannot create output file").
public struct OutputUnwritable: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var language: Language

    public var description: String {
        switch language {
        case .fr:
            "\(path) : impossible d'y écrire (\(reason)) ; donnez le dossier à l'utilisateur sous lequel Facteur "
                + "tourne, par exemple : install -d -o facteur -g facteur -m 755 \(folder)"
        case .en:
            "\(path): cannot be written (\(reason)); give the folder to the user Facteur runs as, "
                + "for example: install -d -o facteur -g facteur -m 755 \(folder)"
        }
    }

    /// The folder to create or hand over: `path` itself for an output folder (`publish --out`), its parent for a
    /// file (`status --html etat.html`).
    var folder: String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            return isFolder.boolValue ? path : parent
        }
        return URL(fileURLWithPath: path).pathExtension.isEmpty ? path : parent
    }

    private var parent: String { URL(fileURLWithPath: path).deletingLastPathComponent().path }

    /// Runs `body`, turning a file-system refusal into this error naming `path`.
    static func guarding<T>(_ path: String, language: Language, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PrivateFile.WriteError {
            throw OutputUnwritable(path: path, reason: String(cString: strerror(error.errno)), language: language)
        } catch let error as CocoaError
            where [.fileWriteNoPermission, .fileWriteVolumeReadOnly, .fileWriteUnknown, .fileWriteOutOfSpace]
            .contains(error.code) || error.code == .fileNoSuchFile
        {
            var reason: String =
                switch error.code {
                case .fileWriteNoPermission: String(cString: strerror(EACCES))
                case .fileWriteVolumeReadOnly: String(cString: strerror(EROFS))
                case .fileWriteOutOfSpace: String(cString: strerror(ENOSPC))
                case .fileNoSuchFile: String(cString: strerror(ENOENT))
                default: String(cString: strerror(EIO))
                }
            // The system's own words when Foundation kept them (ENOTDIR, EACCES…).
            if let underlying = error.underlying as NSError?, underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code)))
            }
            throw OutputUnwritable(path: path, reason: reason, language: language)
        }
    }
}
