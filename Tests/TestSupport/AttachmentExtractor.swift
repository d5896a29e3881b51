import Foundation

/// An attachment's decoded bytes, as Python's email package reads them (Tests/Support/extract_attachment.py).
public enum AttachmentExtractor {
    public static func attachment(from file: String, filename: String) throws -> [UInt8] {
        let process = try Subprocess(
            "/usr/bin/python3", [PackagePaths.support.appendingPathComponent("extract_attachment.py").path, file, filename],
            stdout: .pipe)
        let data = process.standardOutput!.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
