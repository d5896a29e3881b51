/// A variable's dotted name (`distribution.place`), split once when the template is read: rendering looks
/// names up for every notice, and splitting them each time was a tenth of the rendering (issue 15).
struct TemplatePath: Sendable, Equatable, CustomStringConvertible {
    /// As written in the template, for messages.
    let text: String
    /// Its parts; empty for `.` (the current item).
    let parts: [String]

    init(_ text: String) {
        self.text = text
        parts = text == "." ? [] : text.split(separator: ".").map(String.init)
    }

    var description: String { text }
}
