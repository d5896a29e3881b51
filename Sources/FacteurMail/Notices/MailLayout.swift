import FacteurCore
import Foundation

/// The one layout every notice's HTML part shares: a single column at most 600 px wide, the AMAP's name on top,
/// tables that stay within a 320 px phone, inline styles only (mail clients drop `<style>`), no image, and no
/// background or text colour of its own, so a client's dark mode keeps the contrast. A kind's template gives
/// the content; a template that is a whole document keeps its title, and its `<body>` content is laid out.
public enum MailLayout {
    public static func wrap(_ html: String, amap: String, language: Language) -> String {
        String(decoding: wrapped(Array(html.utf8), amap: amap, language: language), as: UTF8.self)
    }

    /// The same from the template's bytes, written as bytes: it runs on every notice's HTML part (issue 15).
    public static func wrapped(_ bytes: [UInt8], amap: String, language: Language) -> [UInt8] {
        let content = bytes[content(of: bytes)]
        let name = HTMLEscaping.escape(amap)
        var out: [UInt8] = []
        out.reserveCapacity(content.count + content.count / 4 + 1_024)
        out.append(contentsOf: "<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">\n".utf8)
        out.append(contentsOf: head)
        if let title = between(bytes, "<title>", "</title>") {
            out.append(contentsOf: title)
        } else {
            out.append(contentsOf: name.utf8)
        }
        out.append(contentsOf: top)
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: "</p>\n".utf8)
        cells(content, into: &out)
        out.append(contentsOf: "\n</div>\n</body>\n</html>\n".utf8)
        return out
    }

    /// Where the laid-out content is: what `<body>` holds (the whole text if it has none), without the blanks at
    /// either end. Trimmed byte by byte (Foundation's trimming bridges the whole text to UTF-16).
    static func content(of bytes: [UInt8]) -> Range<Int> {
        var content = bytes.indices
        if let start = find(bytes, "<body", from: 0), let open = bytes[start...].firstIndex(of: UInt8(ascii: ">")) {
            let end = findLast(bytes, "</body>") ?? bytes.count
            content = (open + 1)..<max(end, open + 1)
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var lower = content.lowerBound
        var upper = content.upperBound
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Whether the layout of a frame's HTML (`NoticeFrame`) with its holes filled is its layout with them filled
    /// afterwards. Kept beside what it reasons about: what this layout looks for starts at a `<`: `<body`, `</body>`, `<title>`, `</title>`, a cell's `<td` or `<th` and,
    /// up to its `>`, its `style="`. Every hole must be HTML-escaped (a value then holds no `<`, `>` or `"`), and
    /// either outside tags, or in the attributes of a tag whose name is already written and is none of those
    /// (in `<bod…` or `<t…` a name could complete the tag, in a cell's attributes write `style=`), with no other
    /// `<` since the tag opened. No hole may be at either end of the content the layout trims, where a value
    /// beginning or ending with a blank would be trimmed.
    static func laysOutTheSameFilled(_ html: [UInt8]) -> Bool {
        // Inside a tag: its name so far, whether a blank ended it, whether a hole there could change the layout.
        var inTag = false
        var name: [UInt8] = []
        var named = false
        var changesLayout = false
        var index = html.startIndex
        while index < html.count {
            let byte = html[index]
            switch byte {
            case UInt8(ascii: "<"):
                if inTag { changesLayout = true }
                inTag = true
                name = []
                named = false
            case UInt8(ascii: ">"):
                inTag = false
                changesLayout = false
            case Template.holeMark:
                guard index + 2 < html.count, html[index + 1] == 1, !inTag || (named && !changesLayout) else {
                    return false
                }
                index += 2
            case 0x20, 0x09, 0x0A, 0x0D:
                guard inTag, !named else { break }
                named = true
                let lowered = name.map { $0 | 0x20 }
                if lowered == Array("td".utf8) || lowered == Array("th".utf8) || lowered.starts(with: "body".utf8)
                    || lowered.starts(with: "/".utf8) || lowered.starts(with: "title".utf8)
                {
                    changesLayout = true
                }
            default:
                if inTag && !named { name.append(byte) }
            }
            index += 1
        }
        let content = content(of: html)
        guard !content.isEmpty else { return true }
        if html[content.lowerBound] == Template.holeMark { return false }
        return content.count < 3 || html[content.upperBound - 3] != Template.holeMark
    }

    private static let head = Array(
        """
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <meta name="color-scheme" content="light dark"><title>
        """.utf8)

    private static let top = Array(
        """
        </title></head>
        <body style="margin: 0; padding: 0;">
        <div style="max-width: 600px; margin: 0 auto; padding: 12px 16px; font-family: -apple-system, 'Segoe UI', \
        Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; overflow-wrap: break-word;">
        <p style="margin: 0 0 16px; padding-bottom: 6px; border-bottom: 3px solid #4a8a55; font-size: 18px; \
        font-weight: bold;">
        """.utf8)

    private static let cellStyle = Array(
        "padding: 6px 4px; border-bottom: 1px solid #c8c8c8; vertical-align: top;".utf8)

    /// Every table cell gets room and a rule under it; the template's own style, written after, still wins.
    /// Byte by byte, into the message's bytes: it runs on every notice's HTML part. Runs without a `<` are
    /// copied whole.
    static func cells(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        let lt = UInt8(ascii: "<")
        let gt = UInt8(ascii: ">")
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let tag = bytes[i...].firstIndex(of: lt) else {
                out.append(contentsOf: bytes[i...])
                return
            }
            out.append(contentsOf: bytes[i..<tag])
            i = tag
            // `<td` or `<th` followed by a space or `>` (not `<thead>`, `<title>`, `<tr>`).
            guard i + 3 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "t"),
                bytes[i + 2] == UInt8(ascii: "d") || bytes[i + 2] == UInt8(ascii: "h"),
                bytes[i + 3] == UInt8(ascii: " ") || bytes[i + 3] == gt,
                let close = bytes[(i + 3)...].firstIndex(of: gt)
            else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let attributes = bytes[(i + 3)..<close]
            out += bytes[i..<(i + 3)]
            if let style = find(Array(attributes), "style=\"", from: 0) {
                let at = attributes.startIndex + style + 7
                out += bytes[attributes.startIndex..<at]
                out += cellStyle
                out.append(UInt8(ascii: " "))
                out += bytes[at..<close]
            } else {
                out += attributes
                out += Array(" style=\"".utf8) + cellStyle + [UInt8(ascii: "\"")]
            }
            out.append(gt)
            i = close + 1
        }
    }

    /// Where `needle` (ASCII markup) first occurs from `start`; on the buffer, without bounds checks per byte:
    /// the whole HTML part is searched for `<body` and `<title>` (issue 15).
    private static func find(_ bytes: [UInt8], _ needle: StaticString, from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
            guard let first = n.first, start >= 0, n.count <= b.count else { return nil }
            var i = start
            while i + n.count <= b.count {
                if b[i] == first && matches(b, at: i, n) { return i }
                i += 1
            }
            return nil
        }
    }

    private static func findLast(_ bytes: [UInt8], _ needle: StaticString) -> Int? {
        bytes.withUnsafeBufferPointer { b in
            let n = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
            guard let first = n.first else { return nil }
            var i = b.count - n.count
            while i >= 0 {
                if b[i] == first && matches(b, at: i, n) { return i }
                i -= 1
            }
            return nil
        }
    }

    @inline(__always)
    private static func matches(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 1..<n.count where b[i + k] != n[k] { return false }
        return true
    }

    private static func between(_ bytes: [UInt8], _ start: StaticString, _ end: StaticString) -> ArraySlice<UInt8>? {
        let length = start.utf8CodeUnitCount
        guard let a = find(bytes, start, from: 0), let b = find(bytes, end, from: a + length) else { return nil }
        return bytes[(a + length)..<b]
    }
}
