import Foundation

/// Text reduced to lowercase ASCII letters and digits, every other run turned into one separator:
/// `N° chèque` → `n_cheque` (import headers), `AMAP des Lilas` → `amap-des-lilas` (published folders).
public enum FoldedText {
    public static func make(_ text: String, separator: Character) -> String {
        let plain = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "æ", with: "ae")
        var out = ""
        for scalar in plain.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != separator {
                out.append(separator)
            }
        }
        while out.last == separator { out.removeLast() }
        return out
    }
}
