import Foundation

/// Base64 in 76-character CRLF lines, for attachments.
public enum Base64Lines {
    public static func encode(_ data: [UInt8]) -> String {
        let flat = Data(data).base64EncodedString()
        var out = ""
        var index = flat.startIndex
        while index < flat.endIndex {
            let end = flat.index(index, offsetBy: 76, limitedBy: flat.endIndex) ?? flat.endIndex
            if !out.isEmpty { out += "\r\n" }
            out += flat[index..<end]
            index = end
        }
        return out
    }
}
