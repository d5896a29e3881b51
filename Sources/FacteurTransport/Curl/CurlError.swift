/// A libcurl call that failed outside a transfer (setting an option, creating a handle).
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public var code: CurlCode
    public var message: String
    public var operation: String

    public var description: String { "libcurl error \(code) while \(operation): \(message)" }
}
