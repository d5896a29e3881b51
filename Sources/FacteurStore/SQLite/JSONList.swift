/// A JSON array of strings or integers, the text a query reads back with `json_each(?)`: one bound value for a list
/// of any length.
/// Any string is written as valid JSON, but SQLite 3.40's `json_each` ends a string at an escaped NUL: the lists
/// bound are of topics and ids, which never hold one.
/// Written here rather than by `JSONSerialization`, which goes through Foundation's objects for each element: the
/// planner binds every group's topics at each pass (issue 15).
enum JSONList {
    static func strings(_ values: [String]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(values.count * 12 + 2)
        let hex = Array("0123456789abcdef".utf8)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    bytes += [UInt8(ascii: "\\"), byte]
                case 0..<0x20:  // control characters, as \u00XX (RFC 8259 §7)
                    bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
                default:
                    bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func integers(_ values: [Int64]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
}
