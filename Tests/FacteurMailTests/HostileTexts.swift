/// Texts made of hostile pieces, the same on every run (a linear congruential generator from a seed): the
/// encoders' tests compare two ways of writing the same thing over thousands of them.
enum HostileTexts {
    /// `count` texts of fewer than `maxPieces` pieces each; text number n draws from the first `choices(n)`
    /// pieces (all of them unless told).
    static func make(
        _ count: Int, of pieces: [String], maxPieces: UInt64, seed: UInt64, choices: (Int) -> Int = { _ in .max }
    ) -> [String] {
        var state = seed
        func next() { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
        return (0..<count).map { n in
            let available = UInt64(min(pieces.count, choices(n)))
            var text = ""
            for _ in 0..<(Int(state % maxPieces)) {
                next()
                text += pieces[Int((state >> 33) % available)]
            }
            next()
            return text
        }
    }
}
