/// Media types for files that arrive without a MIME header of their own (files unpacked
/// from TNEF or uuencode), guessed from the name's extension.
///
/// Deliberately small: the intake sniffs content anyway; this only gives such files the
/// label a mailer would most likely have given them.
package enum FileTypes {
    /// "type/subtype" for a file name, or nil when the extension is not in the table.
    package static func mediaType(forFilename name: String) -> String? {
        guard let dot = name.lastIndex(of: "."), dot != name.index(before: name.endIndex) else { return nil }
        return table[name[name.index(after: dot)...].lowercased()]
    }

    /// The content type to give a synthesised leaf: from the extension, else a declared
    /// type that looks like one (TNEF's PR_ATTACH_MIME_TAG), else application/octet-stream.
    package static func contentType(filename: String?, declared: String?) -> ContentType {
        let guessed = filename.flatMap(mediaType(forFilename:)) ?? declared.flatMap(validMediaType) ?? "application/octet-stream"
        let halves = guessed.split(separator: "/", maxSplits: 1)
        var parameters: [String: String] = [:]
        if let filename { parameters["name"] = filename }
        guard halves.count == 2 else { return ContentType(type: "application", subtype: "octet-stream", parameters: parameters) }
        return ContentType(type: String(halves[0]), subtype: String(halves[1]), parameters: parameters)
    }

    /// A declared type when it is a plausible lower-case "type/subtype" token pair.
    static func validMediaType(_ declared: String) -> String? {
        let value = LegacyText.trim(declared).lowercased()
        let halves = value.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, halves.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isTokenCharacter) }) else { return nil }
        return value
    }

    private static func isTokenCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "!#$&^_.+-".contains(c))
    }

    private static let table: [String: String] = [
        "pdf": "application/pdf",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "jpe": "image/jpeg",
        "png": "image/png", "gif": "image/gif", "bmp": "image/bmp",
        "tif": "image/tiff", "tiff": "image/tiff", "heic": "image/heic",
        "eps": "application/postscript", "ps": "application/postscript",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt": "application/vnd.ms-powerpoint",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text",
        "odp": "application/vnd.oasis.opendocument.presentation",
        "rtf": "application/rtf",
        "txt": "text/plain", "csv": "text/csv",
        "htm": "text/html", "html": "text/html",
        "zip": "application/zip",
        "dcm": "application/dicom",
        "exe": "application/x-msdownload",
    ]
}
