extension MIMEMessage {
    /// Every leaf part, depth-first, descending into multiparts and into the messages
    /// inside `message/rfc822` parts (and legacy containers the parser expanded).
    /// This is the order `mail-bot parse --json` lists them in.
    public var leaves: [MIMEPart] {
        var out: [MIMEPart] = []
        root.collectLeaves(into: &out)
        return out
    }
}

extension MIMEPart {
    /// True when this part has no sub-parts and no encapsulated message.
    public var isLeaf: Bool { children.isEmpty && encapsulated == nil }

    func collectLeaves(into out: inout [MIMEPart]) {
        if let inner = encapsulated {
            inner.message.root.collectLeaves(into: &out)
        } else if children.isEmpty {
            out.append(self)
        } else {
            for child in children { child.collectLeaves(into: &out) }
        }
    }
}
