import FacteurCore
import FacteurMail
import Foundation
import TestSupport

enum ShippedTemplates {
    static func load(_ language: Language) throws -> TemplateSet {
        let folder = URL(fileURLWithPath: PackagePaths.templates).appendingPathComponent(language.rawValue)
        return try TemplateSet(language: language, kinds: SampleNotices.templatedKinds) { kind, part in
            let url = folder.appendingPathComponent("\(kind.rawValue).\(part.rawValue)")
            return (url.path, try? String(contentsOf: url, encoding: .utf8))
        }
    }
}
