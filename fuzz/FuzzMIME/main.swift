// libFuzzer entry point for MIMEParser. Compiled together with MIMEParser's sources into one
// module by fuzz/run.sh (so internal and package API are reachable without an import).
//
// For every input it parses the bytes as a message, touches every accessor a caller would,
// walks every leaf and decodes every body (whole and streamed), and also feeds the bytes
// straight to the legacy-container readers. Any crash, hang or blow-up is a bug: the parser
// promises a best-effort message for any input.

/// Consumes a value so the optimiser cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

func exercise(_ message: MIMEMessage) {
    blackHole(message.subject)
    blackHole(message.from)
    blackHole(message.to)
    blackHole(message.cc)
    blackHole(message.replyTo)
    blackHole(message.sender)
    blackHole(message.messageID)
    blackHole(message.inReplyTo)
    blackHole(message.references)
    blackHole(message.date)
    blackHole(message.isDeliveryStatusNotification)
    blackHole(message.warnings.map(\.description))
    for leaf in message.leaves {
        blackHole(leaf.filename)
        blackHole(leaf.charset)
        blackHole(leaf.contentID)
        blackHole(leaf.isAttachment)
        let whole = leaf.decodedBody()
        var streamed = 0
        leaf.decodeBody { streamed += $0.count }
        // The streaming decoder must agree with the one-shot decoder.
        precondition(streamed == whole.count, "part \(leaf.path): streamed \(streamed) bytes, decoded \(whole.count)")
        if leaf.contentType.type == "text" { blackHole(leaf.text()) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIME(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let message = MIMEMessage(parsing: bytes)
    exercise(message)

    // The streaming parser, fed in uneven chunks, must give the same leaves.
    var stream = MIMEStreamParser()
    var offset = 0
    var step = 1
    while offset < bytes.count {
        let end = min(bytes.count, offset + step)
        _ = stream.feed(bytes[offset..<end])
        offset = end
        step = step * 3 % 4093 + 1
    }
    let streamed = stream.finish()
    precondition(
        streamed.leaves.map(\.path) == message.leaves.map(\.path),
        "streaming parse disagrees: \(streamed.leaves.map(\.path)) vs \(message.leaves.map(\.path))")

    // The legacy readers on raw bytes, as a hostile winmail.dat or text body would reach them.
    blackHole(TNEF.extract(bytes[...]))
    blackHole(UUEncode.extract(bytes[...]))
    return 0
}
