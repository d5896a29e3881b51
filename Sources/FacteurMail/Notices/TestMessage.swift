import FacteurCore

/// The variables of `send-test`'s message.
public enum TestMessage {
    public static let sampleContext: TemplateValue = [
        "amap": [
            "name": "AMAP des Lilas", "email": "contact@amap-lilas.example.org", "website": "",
            "of": "de l'AMAP des Lilas", "the": "l'AMAP des Lilas",
        ],
        "smtp": ["url": "smtp://127.0.0.1:25"],
        "sent_at": "lundi 23 novembre 2026 à 10h00",
    ]
}
