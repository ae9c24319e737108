// ReportPage: the frame every k8sfv HTML page shares: doctype, inline style sheet, the coloured
// verdict band and the main column. Takes a title, a verdict and the body HTML; gives the page.
// The body is inserted as is: callers escape what they put in it (HTMLText.escape).

/// How a page's verdict band looks.
public enum ReportVerdict: String, Sendable {
    case pass, fail, interrupted
}

public enum ReportPage {
    /// A complete page. `badge` and `sentence` are plain text (escaped here); `body` is HTML.
    public static func document(title: String, verdict: ReportVerdict, badge: String, sentence: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="k8sfv">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <header class="verdict \(verdict.rawValue)"><div>
        <div class="badge">\(HTMLText.escape(badge))</div>
        <div><h1>\(HTMLText.escape(title))</h1><p>\(HTMLText.escape(sentence))</p></div>
        </div></header>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// A chart (or any HTML) in a captioned panel.
    public static func figure(_ content: String, caption: String, detail: String) -> String {
        "<figure><figcaption>\(HTMLText.escape(caption))<span>\(HTMLText.escape(detail))</span></figcaption>\n\(content)\n</figure>\n"
    }

    /// Key numbers as cards: (label, value, emphasis) with emphasis "", "good", "bad" or "small".
    public static func cards(_ items: [(key: String, value: String, style: String)], facts: Bool = false) -> String {
        var html = facts ? "<section class=\"cards facts\">\n" : "<section class=\"cards\">\n"
        for item in items {
            let cardClass = item.style == "good" || item.style == "bad" ? "card \(item.style)" : "card"
            let valueClass = item.style == "small" ? "v small" : "v"
            html += "<div class=\"\(cardClass)\"><div class=\"k\">\(HTMLText.escape(item.key))</div><div class=\"\(valueClass)\">\(HTMLText.escape(item.value))</div></div>\n"
        }
        return html + "</section>\n"
    }

    /// A table of plain-text cells (escaped here); `numeric` columns align right.
    public static func table(headers: [String], rows: [[String]], numeric: Set<Int> = []) -> String {
        var html = "<div class=\"table-wrap\"><table>\n<thead><tr>" + headers.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                numeric.contains(index) ? "<td class=\"num\">\(HTMLText.escape(cell))</td>" : "<td>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
