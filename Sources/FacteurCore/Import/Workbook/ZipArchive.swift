/// The members of a zip file (a .xlsx is one), read from its central directory. Only what spreadsheets
/// write: stored or deflated members, no encryption, no zip64.
///
/// Bounded against hostile files: offsets are checked, each member's size and the total unpacked are capped,
/// and every member's CRC-32 is verified.
struct ZipArchive {
    enum Failure: Error, Equatable {
        case notAZip
        case damaged(String)
        case unsupported(String)
        case tooLarge(String)
    }

    struct Member {
        var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    let bytes: [UInt8]
    private(set) var members: [String: Member] = [:]
    /// The most any one member may unpack to: a workbook's sheet is a few megabytes at most.
    static let memberLimit = 64 << 20

    init(_ bytes: [UInt8]) throws(Failure) {
        self.bytes = bytes
        guard bytes.count >= 22 else { throw .notAZip }
        var eocd = -1
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while index >= lowest {
            if u32(index) == 0x0605_4B50 {
                eocd = index
                break
            }
            index -= 1
        }
        guard eocd >= 0 else { throw .notAZip }
        let count = u16(eocd + 10)
        var offset = Int(u32(eocd + 16))
        guard count != 0xFFFF, offset != 0xFFFF_FFFF else { throw .unsupported("zip64") }
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else {
                throw .damaged("central directory")
            }
            let nameLength = u16(offset + 28)
            let extraLength = u16(offset + 30)
            let commentLength = u16(offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { throw .damaged("central directory") }
            let name = String(decoding: bytes[offset + 46..<offset + 46 + nameLength], as: UTF8.self)
            members[name] = Member(
                name: name, method: u16(offset + 10), crc: u32(offset + 16),
                compressedSize: Int(u32(offset + 20)), size: Int(u32(offset + 24)), localHeader: Int(u32(offset + 42)))
            offset += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The unpacked bytes of a member, or nil when there is none of that name.
    func contents(_ name: String) throws(Failure) -> [UInt8]? {
        guard let member = members[name] else { return nil }
        let header = member.localHeader
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else { throw .damaged(name) }
        guard u16(header + 6) & 1 == 0 else { throw .unsupported("\(name): encrypted") }
        let start = header + 30 + u16(header + 26) + u16(header + 28)
        guard start <= bytes.count, member.compressedSize <= bytes.count - start else { throw .damaged(name) }
        let range = start..<start + member.compressedSize
        let data: [UInt8]
        switch member.method {
        case 0:
            data = Array(bytes[range])
        case 8:
            do {
                data = try Inflate.decompress(bytes, range: range, limit: Self.memberLimit)
            } catch .tooLarge {
                throw .tooLarge(name)
            } catch {
                throw .damaged(name)
            }
        default:
            throw .unsupported("\(name): compression \(member.method)")
        }
        guard CRC32.checksum(data) == member.crc else { throw .damaged(name) }
        return data
    }

    private func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    private func u32(_ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}

/// CRC-32 (IEEE 802.3), the checksum zip keeps for each member.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
