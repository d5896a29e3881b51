import Foundation

/// The CSV attachment of a message, decoded by Python's email package (Tests/Support/extract_csv.py).
public enum CSVExtractor {
    public static func csv(from file: String) throws -> String {
        let output = try ProcessRunner.run(
            "/usr/bin/python3", [PackagePaths.support.appendingPathComponent("extract_csv.py").path, file])
        return output.stdout
    }
}
