/// What a file really is, as far as the form cares: the allowed types one by one, and the
/// not-allowed ones that deserve a plain-words explanation (programs, DICOM, HEIC).
public enum FileKind: Sendable, Hashable {
    case gif, jpeg, png, bmp, eps, tiff, text, rtf, html, pdf
    case doc, docx, odt, ppt, pptx, odp, zip
    /// An OLE2 compound file whose directory names neither a Word nor a PowerPoint stream:
    /// acceptable as `.doc`/`.ppt` when the name says so (old writers vary), else not.
    case ole2
    /// A DICOM file ("DICM" at offset 128): a medical image, but the form cannot take it.
    case dicom
    /// A program or script: MZ/PE, ELF, Mach-O, or a "#!" script.
    case executable
    /// Recognised, but not a type the form allows (HEIC, spreadsheets, video …), with its media type.
    case other(String)
    /// Nothing recognisable.
    case unknown

    /// The media type recorded as `detectedType`.
    public var mimeType: String {
        switch self {
        case .gif: "image/gif"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .bmp: "image/bmp"
        case .eps: "application/postscript"
        case .tiff: "image/tiff"
        case .text: "text/plain"
        case .rtf: "application/rtf"
        case .html: "text/html"
        case .pdf: "application/pdf"
        case .doc: "application/msword"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ppt: "application/vnd.ms-powerpoint"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        case .zip: "application/zip"
        case .ole2: "application/x-ole-storage"
        case .dicom: "application/dicom"
        case .executable: "application/x-executable"
        case .other(let mime): mime
        case .unknown: "application/octet-stream"
        }
    }

    /// One of the form's report types (gif jpg jpeg png bmp eps tif txt rtf html pdf doc docx
    /// odt ppt pptx odp zip). `ole2` is not: it is allowed only where the name says doc/ppt.
    public var isAllowed: Bool {
        switch self {
        case .gif, .jpeg, .png, .bmp, .eps, .tiff, .text, .rtf, .html, .pdf,
            .doc, .docx, .odt, .ppt, .pptx, .odp, .zip:
            true
        default: false
        }
    }

    /// One of the form's image types (gif jpg jpeg png; a zip only when all its entries are images).
    public var isImage: Bool {
        switch self {
        case .gif, .jpeg, .png: true
        default: false
        }
    }

    /// The kind a file name's extension claims, or nil when the extension is not one the
    /// form allows (or there is none).
    public static func claimed(byFilename name: String) -> FileKind? {
        guard let ext = fileExtension(name) else { return nil }
        switch ext {
        case "gif": return .gif
        case "jpg", "jpeg", "jpe": return .jpeg
        case "png": return .png
        case "bmp", "dib": return .bmp
        case "eps", "epsf": return .eps
        case "tif", "tiff": return .tiff
        case "txt", "text": return .text
        case "rtf": return .rtf
        case "html", "htm": return .html
        case "pdf": return .pdf
        case "doc": return .doc
        case "docx": return .docx
        case "odt": return .odt
        case "ppt": return .ppt
        case "pptx": return .pptx
        case "odp": return .odp
        case "zip": return .zip
        default: return nil
        }
    }

    /// The kind a declared media type claims (used when the file has no usable name).
    public static func claimed(byMediaType mime: String) -> FileKind? {
        let all: [FileKind] = [
            .gif, .jpeg, .png, .bmp, .eps, .tiff, .text, .rtf, .html, .pdf, .doc, .docx, .odt, .ppt, .pptx,
            .odp, .zip,
        ]
        let m = mime.lowercased()
        if let k = all.first(where: { $0.mimeType == m }) { return k }
        switch m {
        case "image/jpg", "image/pjpeg": return .jpeg
        case "application/x-zip-compressed", "application/x-zip": return .zip
        case "text/rtf": return .rtf
        case "image/x-ms-bmp": return .bmp
        case "image/x-eps", "application/eps": return .eps
        default: return nil
        }
    }

    /// Extensions of programs and scripts: never accepted, whatever the content looks like
    /// (a `.js` or `.bat` file is valid text, but it is not a medical record).
    public static func isExecutableName(_ name: String) -> Bool {
        guard let ext = fileExtension(name) else { return false }
        return executableExtensions.contains(ext)
    }

    static let executableExtensions: Set<String> = [
        "exe", "com", "bat", "cmd", "scr", "msi", "msp", "dll", "cpl", "js", "jse", "vbs", "vbe", "wsf", "wsh",
        "ps1", "psm1", "sh", "bash", "zsh", "csh", "py", "pl", "rb", "php", "jar", "app", "apk", "lnk", "hta",
        "reg", "pif", "gadget", "elf", "bin", "run", "command", "dmg", "pkg", "deb", "rpm", "iso", "svg",
    ]

    /// Lower-cased extension after the last dot, or nil.
    static func fileExtension(_ name: String) -> String? {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        let ext = base[base.index(after: dot)...].trimmingCharacters(in: .whitespaces).lowercased()
        return ext.isEmpty ? nil : ext
    }
}

import Foundation
