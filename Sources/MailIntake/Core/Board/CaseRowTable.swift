import Foundation

/// The table of case rows the board and the archive pages share: one row per case, every
/// cell escaped, names and subjects in `<bdi dir="auto">` so Arabic reads right to left
/// without disturbing the columns around it. On a narrow screen each row becomes a card
/// whose cells carry their column's name (see ``style``).
struct CaseRowTable {
    let board: CaseBoard
    let time: TimeText
    /// Links to case folders from where the page lives (`""` for the board, `"../"` for archives).
    let pathToCases: String

    static let columns = [
        "Case", "Received", "Requester and patient", "Language", "Service", "Phone and contact",
        "Missing", "Callback", "Follow-up", "Reply",
    ]

    func render(_ rows: [CaseRow], showTimeLeft: Bool) -> String {
        var html = "<table class=\"board\">\n<thead><tr>"
        html += Self.columns.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { html += render(row, showTimeLeft: showTimeLeft) }
        return html + "</tbody>\n</table>\n"
    }

    private func render(_ row: CaseRow, showTimeLeft: Bool) -> String {
        let e = HTMLText.escape
        var cells: [String] = []
        var caseCell = "<a href=\"\(HTMLText.href(pathToCases + row.caseId + "/summary.html"))\">\(e(row.caseId))</a>"
        if let subject = row.subject, !subject.isEmpty {
            caseCell += "<br><bdi dir=\"auto\" class=\"sub\">\(e(subject))</bdi>"
        }
        cells.append(caseCell)
        cells.append(e(time.full(row.receivedAt, zone: row.timeZone)))
        cells.append(people(row))
        cells.append(Self.language(row.language))
        cells.append(row.service == .recordsAndImagesReview ? "Records and images" : "Records")
        cells.append(contact(row))
        let missing = CaseBoard.missing(row)
        var missingCell = missing.isEmpty ? "" : "<ul class=\"missing\">" + missing.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        for note in row.notes { missingCell += "<div class=\"note\"><bdi dir=\"auto\">\(e(note))</bdi></div>" }
        cells.append(missingCell)
        cells.append(callback(row, showTimeLeft: showTimeLeft))
        cells.append(followUp(row))
        cells.append(reply(row))
        var html = "<tr id=\"\(e(row.caseId))\">"
        for (name, cell) in zip(Self.columns, cells) {
            html += "<td data-label=\"\(name)\">\(cell)</td>"
        }
        return html + "</tr>\n"
    }

    private func people(_ row: CaseRow) -> String {
        let e = HTMLText.escape
        let name = row.requesterName.isEmpty ? row.requesterEmail : row.requesterName
        var html = "<bdi dir=\"auto\">\(e(name))</bdi>"
        if row.requesterKind == .embassy { html += " <span class=\"tag\">embassy</span>" }
        if !row.requesterName.isEmpty { html += "<br><span class=\"muted\">\(e(row.requesterEmail))</span>" }
        if row.patientOnBehalf || (row.patientName.map { !$0.isEmpty && $0 != row.requesterName } ?? false) {
            let who = row.patientName.map { "<bdi dir=\"auto\">\(e($0))</bdi>" } ?? "patient not named"
            let relation = row.relationship.map { " (\(e($0)))" } ?? ""
            html += "<br>for \(who)\(relation)"
        }
        return html
    }

    private func contact(_ row: CaseRow) -> String {
        var html = ""
        if let phone = row.phone, !phone.isEmpty {
            let dial = phone.filter { $0.isNumber || $0 == "+" }
            html += "<a href=\"tel:\(HTMLText.escape(dial))\">\(HTMLText.escape(phone))</a><br>"
        } else {
            html += "<span class=\"muted\">no phone</span><br>"
        }
        switch row.preferredContact {
        case .phone: html += "prefers phone"
        case .email: html += "prefers email"
        case .unknown: html += "<span class=\"muted\">preference not stated</span>"
        }
        return html
    }

    private func callback(_ row: CaseRow, showTimeLeft: Bool) -> String {
        if row.isAutomaticOrSpam { return "" }
        let e = HTMLText.escape
        var html = "by " + e(time.full(row.callbackDue, zone: row.timeZone))
        if showTimeLeft && row.booked == nil {
            let left = board.timeLeft(until: row.callbackDue)
            html += "<br><span class=\"\(left.overdue ? "late" : "left")\">\(e(left.text))</span>"
        }
        if let wish = row.callbackWish, !wish.isEmpty, row.booked == nil {
            // Their words, not ours: the administrator reads what was asked before calling.
            html += "<br><span class=\"wish\">asked: \u{201C}<bdi dir=\"auto\">\(e(Self.shortened(wish)))</bdi>\u{201D}</span>"
        }
        if let booked = row.booked {
            html += "<br><span class=\"booked\">booked " + e(time.full(booked.start, zone: row.timeZone))
            html += "–" + e(time.clock(booked.end, zone: row.timeZone)) + "</span>"
        }
        return html
    }

    private func followUp(_ row: CaseRow) -> String {
        guard let last = row.lastFollowUpAt else { return "" }
        let when = HTMLText.escape(time.full(last, zone: row.timeZone))
        if row.hasUnansweredFollowUp { return "<span class=\"new\">new since the acknowledgement</span><br>\(when)" }
        let count = row.followUpCount == 1 ? "1 follow-up" : "\(row.followUpCount) follow-ups"
        return "\(count), answered<br><span class=\"muted\">latest \(when)</span>"
    }

    private func reply(_ row: CaseRow) -> String {
        let e = HTMLText.escape
        let (word, style): (String, String) =
            if row.bounced { ("bounced", "bad") } else {
                switch row.replyStatus {
                case .sent: ("sent", "ok")
                case .pending: ("pending", "muted")
                case .queued: ("queued", "warn")
                case .failed: ("failed", "bad")
                case .suppressed: ("not sent", "muted")
                }
            }
        var html = "<span class=\"\(style)\">\(word)</span>"
        if let reason = row.replyReason, !reason.isEmpty, row.replyStatus != .sent {
            html += "<br><span class=\"reason\">\(e(reason))</span>"
        } else if row.bounced {
            html += "<br><span class=\"reason\">a delivery report came back</span>"
        }
        return html
    }

    /// A wish is a clause or two; a long one is cut at a word so the cell stays a cell.
    static func shortened(_ text: String, limit: Int = 90) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > limit else { return flat }
        let cut = flat.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord + "\u{2026}"
    }

    static func language(_ language: IntakeCase.Language) -> String {
        switch language {
        case .en: "English"
        case .ar: "Arabic"
        case .fr: "French"
        }
    }

    /// Wider than the case page, and cards instead of a table below 900 px.
    static let style = """
        body{max-width:none;margin:1.2em 1.5em}.board td:first-child a{white-space:nowrap}.board{font-size:.92em}.board td{overflow-wrap:anywhere}
        .board{table-layout:fixed}.board th{position:sticky;top:0}
        .board th:nth-child(1){width:11%}.board th:nth-child(2){width:9%}.board th:nth-child(3){width:14%}.board th:nth-child(4){width:6%}
        .board th:nth-child(5){width:7%}.board th:nth-child(6){width:11%}.board th:nth-child(7){width:13%}.board th:nth-child(8){width:11%}
        .board th:nth-child(9){width:9%}.board th:nth-child(10){width:9%}.sub{color:#6e6e73;font-size:.9em}
        .late{color:#b42318;font-weight:600}.left{color:#9a6700}.booked{color:#0969da}.new{color:#b42318;font-weight:600}
        .warn{color:#9a6700}.wish{font-size:.88em;color:#3a3a3c}.note{font-size:.88em;color:#9a6700;margin-top:.2em}.reason{font-size:.85em;color:#6e6e73}.missing{margin:0;padding-left:1.1em}
        nav{line-height:1.9}nav a{margin-right:1em;display:inline-block}.count{color:#6e6e73;font-weight:normal}
        @media (max-width:900px){body{margin:.8em}.board thead{display:none}.board,.board tbody,.board tr,.board td{display:block;width:auto}
        .board tr{border:1px solid #ddd;border-radius:6px;margin:0 0 .8em;padding:.3em .6em}
        .board td{border:0;padding:.15em 0 .15em 7.8em;position:relative;min-height:1.2em}
        .board td:empty{display:none}.board td::before{content:attr(data-label);position:absolute;left:0;width:7.3em;font-weight:600;color:#6e6e73;font-size:.9em}}
        """
}
