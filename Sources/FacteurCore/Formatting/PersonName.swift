/// A person's name compared as a person would: "DUPONT Camille", "Camille Dupont" and "camille  dupont" are
/// the same name (CAMAP writes surnames first, in capitals).
public enum PersonName {
    /// The name's words, folded (case, accents), in any script, sorted.
    public static func key(_ name: String) -> String {
        NameFold.words(name).sorted().joined(separator: " ")
    }
}
