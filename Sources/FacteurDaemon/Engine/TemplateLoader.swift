import FacteurCore
import FacteurMail
import Foundation

/// Reads `Templates/<language>/<kind>.{subject,txt,html}` and validates them (start-up and `check`).
public enum TemplateLoader {
    public static func load(folder: String, language: Language, kinds: [NoticeKind] = SampleNotices.templatedKinds)
        throws(TemplateError) -> TemplateSet
    {
        let directory = URL(fileURLWithPath: folder).appendingPathComponent(language.rawValue)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue,
            (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) != nil
        else { throw TemplateError(file: directory.path, line: 0, column: 0, problem: .unreadableFolder) }
        return try TemplateSet(language: language, kinds: kinds) { kind, part in
            let url = directory.appendingPathComponent("\(kind.rawValue).\(part.rawValue)")
            let text = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) }
            return (url.path, text)
        }
    }
}
