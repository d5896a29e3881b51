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

/// Addresses in `From`, `To`, `Delivered-To`: the addr-spec of each mailbox (see `MailboxList`).
public enum AddressList {
    public static func parse(_ text: String) -> [String] {
        MailboxList.parse(text).map(\.address)
    }

    /// The addr-spec of a single mailbox.
    public static func address(in mailbox: String) -> String? {
        MailboxList.parse(mailbox).first?.address
    }

    /// The display name of a mailbox, RFC 2047 decoded, quotes removed.
    public static func displayName(in mailbox: String) -> String? {
        MailboxList.parse(mailbox).first?.name
    }
}
