import Foundation

/// Runs a program to completion and captures its output (through `Subprocess`, not Foundation's `Process`).
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum ProcessRunner {
    public static func run(
        _ executable: String, _ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil
    ) throws -> ProcessOutput {
        let process = try Subprocess(
            executable, arguments, environment: environment, stdin: .pipe, stdout: .pipe, stderr: .pipe)
        let input = process.standardInput!
        let out = process.standardOutput!
        let err = process.standardError!
        if let stdin { input.write(stdin) }
        try input.close()
        // Read both pipes concurrently so a chatty process cannot fill one and block.
        final class Box: @unchecked Sendable { var data = Data() }  // Safe because: joined before use.
        let errBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.data = err.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
