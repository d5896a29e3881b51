import FacteurCore
import FacteurMail
import Foundation

/// The message `send-test` sends, from the `test` templates.
enum TestMessageComposer {
    static func compose(
        templates: TemplateSet, amap: Amap, to: String, smtpURL: String, messageID: String, date: Date
    ) -> MailMessage {
        let trio = templates.templates(for: .test)!
        let dates = HumanDates(language: templates.language, timeZone: amap.timeZone)
        let context: TemplateValue = [
            "amap": [
                "name": .string(amap.name), "email": .string(amap.email), "website": "",
                "of": .string(FrenchWords.de(amap: amap.name)),
                "the": .string(FrenchWords.le(amap.name)),
            ],
            "smtp": ["url": .string(smtpURL)],
            "sent_at": .string(dates.dateTime(date)),
        ]
        let fields = MessageHeaders.common(
            amap: amap, to: Mailbox(address: to), replyTo: nil,
            subject: trio.subject.render(context, escaping: .none), messageID: messageID, date: date, kind: .test)
        return MailMessage(
            fields: fields, body: trio.alternative(context, amap: amap.name, language: templates.language))
    }
}
