import Foundation

/// Renders `summary.html`: one case for an administrator, opened straight from the file share.
///
/// Self-contained (inline CSS, no scripts, nothing fetched) and locked down by a strict
/// Content-Security-Policy. Every string that came from mail is escaped through
/// ``HTMLText/escape(_:)``; the only unescaped text is our own markup and wording.
public enum CaseSummaryPage {
    /// The whole page for `intakeCase`; `reply` is the text of our latest reply (sent or
    /// pending), shown as the requester reads it.
    public static func render(_ intakeCase: IntakeCase, reply: String? = nil) -> String {
        let c = intakeCase
        let e = HTMLText.escape
        let time = TimeText()
        var html = HTMLText.head(title: "\(c.caseId) – second opinion request")
        html += "<body>\n"
        html += "<p class=\"muted\"><a href=\"../index.html\">All cases</a></p>\n"
        html += "<h1>\(e(c.caseId))</h1>\n"
        if let subject = c.subject, !subject.isEmpty {
            html += "<p><strong>Subject:</strong> <span dir=\"auto\">\(e(subject))</span></p>\n"
        }
        html += "<p class=\"muted\">Received \(e(time.full(c.receivedAt))) · "
        html += "\(e(CaseWording.reply(c.reply)))</p>\n"
        if let cited = c.claimsCase {
            html += "<p class=\"bad\"><strong>Cites case <a href=\"../\(e(cited))/summary.html\">\(e(cited))</a></strong>, "
            html += "but was not sent by its requester: nothing of it was added to that case. Check before linking.</p>\n"
        }
        html += issuesSection(c)
        html += requesterSection(c)
        html += "<h2>Condition description</h2>\n"
        if c.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            html += "<p class=\"bad\">None given.</p>\n"
        } else {
            html += "<div class=\"box\" dir=\"auto\">\(e(c.description))</div>\n"
        }
        html += attachmentsSection(c)
        html += imagesToArrangeSection(c)
        html += embassySection(c)
        html += callbackSection(c, time: time)
        html += notesSection(c, time: time)
        html += replySection(c, reply: reply)
        html += "<h2>Original message</h2>\n"
        html += "<p><a href=\"original.eml\">original.eml</a> (exactly as received"
        if let id = c.messageId { html += "; Message-ID \(e(id))" }
        html += ")</p>\n</body>\n</html>\n"
        return html
    }

    private static func issuesSection(_ c: IntakeCase) -> String {
        guard !c.issues.isEmpty else {
            return "<h2>Issues</h2>\n<p class=\"ok\">None: the request is complete.</p>\n"
        }
        var html = "<h2>Issues</h2>\n<ul class=\"issues\">\n"
        for issue in c.issues {
            html += "<li>\(HTMLText.escape(CaseWording.issue(issue))) <span class=\"tag\">\(issue.rawValue)</span></li>\n"
        }
        return html + "</ul>\n"
    }

    private static func requesterSection(_ c: IntakeCase) -> String {
        let e = HTMLText.escape
        let r = c.requester
        var html = "<h2>Requester</h2>\n<dl>\n"
        html += "<dt>Name</dt><dd dir=\"auto\">\(r.name.isEmpty ? "<span class=\"muted\">not given</span>" : e(r.name))</dd>\n"
        html += "<dt>Email</dt><dd>\(e(r.email))</dd>\n"
        html += "<dt>Phone</dt><dd>\(r.phone.map(e) ?? "<span class=\"muted\">not given</span>")</dd>\n"
        html += "<dt>Preferred contact</dt><dd>\(CaseWording.contact(r.preferredContact))</dd>\n"
        html += "<dt>Requester is</dt><dd>\(r.kind == .embassy ? "an embassy (sponsor)" : "the patient")</dd>\n"
        html += "<dt>Service</dt><dd>\(e(CaseWording.service(c.service)))</dd>\n"
        return html + "</dl>\n"
    }

    private static func attachmentsSection(_ c: IntakeCase) -> String {
        let e = HTMLText.escape
        guard !c.attachments.isEmpty else { return "<h2>Attachments</h2>\n<p class=\"muted\">None.</p>\n" }
        var html = "<h2>Attachments</h2>\n<table>\n"
        html += "<tr><th>File</th><th>Role</th><th>Type</th><th>Size</th><th>Status</th></tr>\n"
        for a in c.attachments {
            let name: String
            if let stored = a.storedAs {
                name = "<a href=\"\(HTMLText.href(stored))\">\(e(a.filename))</a>"
                    + (stored.hasSuffix("/" + a.filename) ? "" : "<br><span class=\"muted\">saved as \(e(stored))</span>")
            } else {
                name = e(a.filename)
            }
            var type = e(a.detectedType)
            if a.declaredType.lowercased() != a.detectedType.lowercased() {
                type += "<br><span class=\"muted\">declared \(e(a.declaredType))</span>"
            }
            let status: String
            switch a.status {
            case .accepted: status = "<span class=\"ok\">accepted</span>"
            case .rejected:
                let why = a.reason.map(CaseWording.reason) ?? "rejected"
                status = "<span class=\"bad\">rejected: \(e(why))</span>"
            }
            let detail = a.detail.map { "<br><span class=\"muted\">\(e($0))</span>" } ?? ""
            html += "<tr><td>\(name)</td><td>\(CaseWording.role(a.role))</td><td>\(type)</td>"
            html += "<td>\(CaseWording.size(a.size))</td><td>\(status)\(detail)</td></tr>\n"
        }
        return html + "</table>\n"
    }

    /// What the requester said about images still to arrange (more than sent, a disc, several sets).
    private static func imagesToArrangeSection(_ c: IntakeCase) -> String {
        guard let words = c.imagesToArrangeWords, !words.isEmpty else { return "" }
        var html = "<h2>Images to arrange</h2>\n<p>What the requester said:</p>\n<ul>\n"
        html += words.map { "<li dir=\"auto\">\(HTMLText.escape($0))</li>\n" }.joined()
        return html + "</ul>\n"
    }

    private static func embassySection(_ c: IntakeCase) -> String {
        let e = HTMLText.escape
        guard c.embassy.detected || !c.embassy.signals.isEmpty || c.embassy.letterOfGuarantee else { return "" }
        var html = "<h2>Embassy sponsorship</h2>\n"
        html += "<p>\(c.embassy.detected ? "Sponsorship detected (to be verified)." : "Possible sponsorship signals.") "
        html += c.embassy.letterOfGuarantee
            ? "<span class=\"ok\">A letter of guarantee came with the request.</span>"
            : "<span class=\"bad\">No letter of guarantee yet.</span>"
        html += "</p>\n"
        if let auth = c.embassy.authentication {
            html += "<p class=\"muted\">Sender authentication: \(e(auth))</p>\n"
        }
        if !c.embassy.signals.isEmpty {
            html += "<ul>\n" + c.embassy.signals.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        return html
    }

    private static func callbackSection(_ c: IntakeCase, time: TimeText) -> String {
        let e = HTMLText.escape
        let zone = c.callback.timeZone
        if c.issues.contains(.automaticMessage) {
            return "<h2>Callback</h2>\n<p class=\"muted\">None: nobody wrote this message.</p>\n"
        }
        var html = "<h2>Callback</h2>\n<p>Contact the requester by <strong>"
        html += e(time.full(c.callback.due, zone: zone)) + "</strong>.</p>\n"
        if let booked = c.callback.booked {
            html += "<p class=\"ok\">The requester chose \(e(slot(booked, zone: zone, time: time))).</p>\n"
        }
        if let change = c.callback.bookingChange {
            let what = change.kind == .cancel ? "to cancel the call" : "to move the call"
            let before = change.previous.map { " booked for " + slot($0, zone: zone, time: time) } ?? ""
            let style = change.outcome == .needsAdministrator ? "bad" : "muted"
            html += "<p class=\"\(style)\">On \(e(time.full(change.receivedAt, zone: zone))) the requester asked \(what)\(e(before)): "
            html += "<q dir=\"auto\">\(e(change.text))</q>. "
            html += change.outcome == .needsAdministrator
                ? "<strong>Needs an administrator</strong>: nothing is booked; agree a time with them.</p>\n"
                : "A new window was booked from their words.</p>\n"
        }
        if let requested = c.callback.requested {
            html += "<p>They asked to be called: <q dir=\"auto\">\(e(requested.text))</q></p>\n"
        }
        if !c.callback.slots.isEmpty {
            html += "<p>Slots offered:</p>\n<ul>\n"
            html += c.callback.slots.map { "<li>\(e(slot($0, zone: zone, time: time)))</li>\n" }.joined()
            html += "</ul>\n"
        }
        return html
    }

    private static func slot(_ s: IntakeCase.Callback.Slot, zone: String, time: TimeText) -> String {
        time.full(s.start, zone: zone) + " – " + time.clock(s.end, zone: zone)
    }

    private static func notesSection(_ c: IntakeCase, time: TimeText) -> String {
        let e = HTMLText.escape
        var html = ""
        if let failures = c.reply.deliveryFailures, !failures.isEmpty {
            html += "<h2>Delivery problems</h2>\n<p class=\"bad\">Our reply could not be delivered:</p>\n<ul>\n"
            html += failures.map { "<li>\(e($0))</li>\n" }.joined()
            html += "</ul>\n"
        }
        if let followUps = c.followUps, !followUps.isEmpty {
            html += "<h2>Follow-up messages</h2>\n"
            for f in followUps {
                html += "<p class=\"muted\">\(e(time.full(f.receivedAt))) · "
                html += "<a href=\"\(HTMLText.href(f.storedAs))\">\(e(f.storedAs))</a></p>\n"
                if !f.text.isEmpty { html += "<div class=\"box\" dir=\"auto\">\(e(f.text))</div>\n" }
            }
        }
        return html
    }

    /// Our latest reply as the requester reads it (its text part), with what became of it.
    private static func replySection(_ c: IntakeCase, reply: String?) -> String {
        guard let reply, !reply.isEmpty else { return "" }
        var html = "<h2>Our reply</h2>\n<p class=\"muted\">\(HTMLText.escape(CaseWording.reply(c.reply)))"
        if c.reply.status == .pending || c.reply.status == .queued { html += " (not yet accepted by the mail server)" }
        html += " · <a href=\"reply.eml\">reply.eml</a></p>\n"
        return html + "<div class=\"box\" dir=\"auto\" lang=\"\(c.language.rawValue)\">\(HTMLText.escape(reply))</div>\n"
    }
}
