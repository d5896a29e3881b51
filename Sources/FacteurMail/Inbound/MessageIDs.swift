/// Message-IDs as they appear in `Message-ID`, `In-Reply-To` and `References`: the `<…>` tokens.
public enum MessageIDs {
    public static func parse(_ text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            let id = rest[rest.index(after: open)..<close]
            if !id.isEmpty && !id.contains(" ") { ids.append(String(id)) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = text.trimmingSpaces()
            if !bare.isEmpty && !bare.contains(" ") && bare.contains("@") { ids.append(bare) }
        }
        return ids
    }
}

/// Addresses in `From`, `To`, `Delivered-To`: the addr-spec of each mailbox, lower-cased domain.
public enum AddressList {
    public static func parse(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var depth = 0
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            if !quoted {
                if ch == "(" { depth += 1 }
                if ch == ")" { depth = max(0, depth - 1) }
            }
            if ch == "," && !quoted && depth == 0 {
                if let a = address(in: current) { result.append(a) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        if let a = address(in: current) { result.append(a) }
        return result
    }

    /// `"Name" <a@b>` → `a@b`; `a@b (comment)` → `a@b`.
    public static func address(in mailbox: String) -> String? {
        var candidate: Substring
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox[open...].firstIndex(of: ">") {
            candidate = mailbox[mailbox.index(after: open)..<close]
        } else {
            let withoutComments = mailbox.split(separator: "(").first ?? ""
            candidate =
                withoutComments.split(whereSeparator: { $0 == " " || $0 == "\t" }).first { $0.contains("@") } ?? ""
        }
        let trimmed = String(candidate).trimmingSpaces()
        guard let at = trimmed.lastIndex(of: "@"), at != trimmed.startIndex else {
            return trimmed.isEmpty ? nil : trimmed
        }
        return trimmed[..<at] + trimmed[at...].lowercased()
    }

    /// The display name of a mailbox, RFC 2047 decoded, quotes removed.
    public static func displayName(in mailbox: String) -> String? {
        guard let open = mailbox.lastIndex(of: "<") else { return nil }
        var name = String(mailbox[..<open]).trimmingSpaces()
        if name.hasPrefix("\"") && name.hasSuffix("\"") && name.count >= 2 {
            name = String(name.dropFirst().dropLast())
        }
        name = EncodedWordDecoder.decode(name)
        return name.isEmpty ? nil : name
    }
}
