import Foundation

/// An attachment's decoded bytes, as Python's email package reads them (Tests/Support/extract_attachment.py).
public enum AttachmentExtractor {
    public static func attachment(from file: String, filename: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [PackagePaths.support.appendingPathComponent("extract_attachment.py").path, file, filename]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
