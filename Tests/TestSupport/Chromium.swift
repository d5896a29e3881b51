import Foundation

/// Headless Chromium (Debian's `chromium`) as a measuring instrument: lays out pages at a phone's width and
/// reports what overflows. It loads only the local file it is given.
public enum Chromium {
    public static let path = "/usr/bin/chromium"

    public struct Overflow: Sendable, Equatable {
        /// The document's scroll width against the frame's width.
        public var scrollWidth: Int
        public var width: Int
        /// Tables whose right edge passes the frame's width.
        public var wideTables: Int

        public var overflows: Bool { scrollWidth > width || wideTables > 0 }
    }

    /// Lays each page out in a frame `width` pixels wide (headless windows are never narrower than 500 px, a
    /// frame is) and measures it. Keys are the caller's names for the pages.
    public static func measure(_ pages: [String: String], width: Int, in directory: URL) throws -> [String: Overflow]
    {
        var frames = ""
        for (name, html) in pages.sorted(by: { $0.key < $1.key }) {
            frames += "<iframe data-name=\"\(escape(name))\" style=\"width: \(width)px; height: 600px; border: 0\" "
            frames += "srcdoc=\"\(escape(html))\"></iframe>\n"
        }
        let page = """
            <!DOCTYPE html><html><body style="margin: 0">
            \(frames)
            <script>
            window.addEventListener('load', () => {
              const result = {};
              for (const f of document.querySelectorAll('iframe')) {
                const d = f.contentDocument, w = d.documentElement.clientWidth;
                const wide = [...d.querySelectorAll('table')].filter(t => t.getBoundingClientRect().right > w + 0.5);
                result[f.dataset.name] = [d.documentElement.scrollWidth, w, wide.length];
              }
              const pre = document.createElement('pre');
              pre.id = 'measure';
              pre.textContent = JSON.stringify(result);
              document.body.appendChild(pre);
            });
            </script></body></html>
            """
        let file = directory.appendingPathComponent("measure-\(width).html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let out = try ProcessRunner.run(
            path,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--virtual-time-budget=5000", "--dump-dom", file.absoluteString,
            ])
        guard let start = out.stdout.range(of: "<pre id=\"measure\">"),
            let end = out.stdout.range(of: "</pre>", range: start.upperBound..<out.stdout.endIndex)
        else { throw ChromiumError.noMeasure(out.stderr.suffix(500).description) }
        let json = String(out.stdout[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [Int]] else {
            throw ChromiumError.noMeasure(json)
        }
        return object.compactMapValues {
            $0.count == 3 ? Overflow(scrollWidth: $0[0], width: $0[1], wideTables: $0[2]) : nil
        }
    }

    public enum ChromiumError: Error {
        case noMeasure(String)
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
