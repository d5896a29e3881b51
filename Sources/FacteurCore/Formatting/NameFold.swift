import Foundation

/// Names compared as a person reads them, in any script: case, accents and ligatures aside (« Œufs » is
/// "OEUFS", « Éric Lefèvre » is "eric lefevre", « Paweł » is "Pawel"), but nothing else dropped:
/// « Légumes ½ » is not « Légumes », and « Ольга Petrov » is not « Иван Petrov ». (`FoldedText`, which
/// keeps ASCII only, is for headers and folder names.)
public enum NameFold {
    /// The name folded, spaces collapsed; punctuation and symbols kept (a contract's or a producer's name).
    public static func name(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in folded(text).unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
            } else {
                if space { out.unicodeScalars.append(" ") }
                space = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The name's words: letters and digits of any script; hyphens, apostrophes, dots and spaces separate
    /// them (« Jean-Pierre DUPONT » has the words of « Dupont Jean Pierre »).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var word = String.UnicodeScalarView()
        for scalar in folded(text).unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        return words
    }

    private static func folded(_ text: String) -> String {
        var plain = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        // Letters Foundation does not fold: their own letter, not an accent on another.
        for (from, to) in [("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("ł", "l"), ("ø", "o"), ("đ", "d"), ("ı", "i")]
        where plain.contains(from) {
            plain = plain.replacingOccurrences(of: from, with: to)
        }
        return plain
    }
}
