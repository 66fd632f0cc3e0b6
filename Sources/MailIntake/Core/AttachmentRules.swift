import Foundation

/// A file that came with a request, before judgement.
public struct AttachmentCandidate: Sendable {
    /// The name as sent (decoded), or a generated one when the sender gave none.
    public var filename: String
    /// Lower-case `type/subtype` from the part's Content-Type.
    public var declaredType: String
    /// Transfer-decoded content.
    public var bytes: [UInt8]

    public init(filename: String, declaredType: String, bytes: [UInt8]) {
        self.filename = filename
        self.declaredType = declaredType
        self.bytes = bytes
    }
}

/// An attachment entry as judged, with the bytes to store when accepted.
public struct JudgedAttachment: Sendable {
    public var entry: IntakeCase.Attachment
    public var bytes: [UInt8]
}

/// The form's file rules: size, type by content, the three-image limit, duplicates, zips.
///
/// The decisions are the contract's: 8 MB is 8 × 1024 × 1024 decoded bytes, accepted when
/// strictly smaller; content decides the type; a zip of images is one image.
public enum AttachmentRules {
    /// Why a type was refused, in the contract's code and in words.
    struct TypeRefusal: Error {
        var reason: IntakeCase.RejectionReason
        var detail: String
    }

    /// Judges `candidates` in order. `prior` are the attachments the case already has (a
    /// follow-up in the same thread): they count for duplicates and for the image limit.
    /// `isGuaranteeLetter` says which files are letters of guarantee (by their name, in a
    /// sponsorship context): an accepted one takes that role whatever its type, so a scanned
    /// letter (`Letter of Guarantee.jpg`) never counts as one of the three images.
    public static func judge(
        _ candidates: [AttachmentCandidate], prior: [IntakeCase.Attachment] = [], limits: AttachmentLimits = .form,
        isGuaranteeLetter: (AttachmentCandidate) -> Bool = { _ in false }
    ) -> [JudgedAttachment] {
        var seen = Set(prior.map(\.sha256))
        var images = prior.filter { $0.role == .image && $0.status == .accepted }.count
        var out: [JudgedAttachment] = []
        for c in candidates {
            var judged = judgeOne(c, limits: limits)
            if judged.entry.reason != .empty {
                if seen.contains(judged.entry.sha256) {
                    judged.entry.status = .rejected
                    judged.entry.reason = .duplicate
                    judged.entry.detail = "the same file was already received"
                }
                seen.insert(judged.entry.sha256)
            }
            if judged.entry.status == .accepted, judged.entry.role == .image || judged.entry.role == .report,
                isGuaranteeLetter(c)
            {
                judged.entry.role = .guaranteeLetter
            }
            if judged.entry.status == .accepted, judged.entry.role == .image {
                if images >= limits.maxImages {
                    judged.entry.status = .rejected
                    judged.entry.reason = .overImageLimit
                    judged.entry.detail = "only \(limits.maxImages) images can be accepted by email"
                } else {
                    images += 1
                }
            }
            out.append(judged)
        }
        return out
    }

    /// Size, type and zip checks for one file, independent of the others.
    static func judgeOne(_ c: AttachmentCandidate, limits: AttachmentLimits) -> JudgedAttachment {
        let kind = FileTypeSniffer.sniff(c.bytes)
        var entry = IntakeCase.Attachment(
            filename: c.filename, storedAs: nil, role: kind.isImage ? .image : .report, declaredType: c.declaredType,
            detectedType: c.bytes.isEmpty ? "application/x-empty" : kind.mimeType, size: c.bytes.count,
            sha256: Digest.sha256Hex(c.bytes), status: .accepted, reason: nil)
        func reject(_ reason: IntakeCase.RejectionReason, _ detail: String) -> JudgedAttachment {
            entry.status = .rejected
            entry.reason = reason
            entry.detail = detail
            if !kind.isAllowed { entry.role = .other }
            return JudgedAttachment(entry: entry, bytes: c.bytes)
        }
        if c.bytes.isEmpty { return reject(.empty, "the file is empty") }
        if c.bytes.count >= limits.maxFileBytes {
            return reject(.tooLarge, "\(megabytes(c.bytes.count)) is not under the \(megabytes(limits.maxFileBytes)) limit")
        }
        switch judgeType(name: c.filename, declaredType: c.declaredType, kind: kind) {
        case .failure(let r): return reject(r.reason, r.detail)
        case .success(let accepted):
            entry.detectedType = accepted.mimeType
        }
        // A picture must open: magic bytes then noise, or data cut off in transfer, is unreadable.
        switch ImageStructure.check(c.bytes, kind: kind) {
        case .broken(let why): return reject(.unreadable, "the picture cannot be opened: \(why)")
        case .sound(let size): entry.detail = size.description
        case nil: break
        }
        if kind == .zip {
            switch ZipInspector.inspect(c.bytes, limits: limits.zip) {
            case .rejected(let reason, let detail): return reject(reason, detail)
            case .accepted(let items, let allImages):
                entry.role = allImages ? .image : .report
                entry.detail = "zip of \(items.count) file\(items.count == 1 ? "" : "s")"
            }
        }
        return JudgedAttachment(entry: entry, bytes: c.bytes)
    }

    /// The type rule on its own: returns the kind to record when acceptable.
    static func judgeType(name: String, declaredType: String?, kind: FileKind) -> Result<FileKind, TypeRefusal> {
        let claimed = FileKind.claimed(byFilename: name)
            ?? (FileKind.fileExtension(name) == nil ? declaredType.flatMap(FileKind.claimed(byMediaType:)) : nil)
        if FileKind.isExecutableName(name) {
            // The name is what a person would open it by: refuse it whatever the content.
            let ext = FileKind.fileExtension(name).map { " (.\($0))" } ?? ""
            return .failure(
                TypeRefusal(reason: .typeNotAllowed, detail: "a name for a program or script\(ext) cannot be accepted, whatever the content"))
        }
        // Text is the loosest signature: a .vcf, .ics or .csv is text too, but not a report.
        if kind == .text, claimed == nil, let ext = FileKind.fileExtension(name) {
            return .failure(TypeRefusal(reason: .typeNotAllowed, detail: "a .\(ext) file is not a type the form accepts"))
        }
        if kind.isAllowed { return .success(kind) }
        if kind == .ole2, let claimed, claimed == .doc || claimed == .ppt { return .success(claimed) }
        if let claimed {
            return .failure(
                TypeRefusal(
                    reason: .typeMismatch,
                    detail: "named as \(claimed.mimeType) but the content is \(describe(kind, name: name))"))
        }
        return .failure(TypeRefusal(reason: .typeNotAllowed, detail: "\(describe(kind, name: name)) is not a type the form accepts"))
    }

    /// A few words for a person: "a program", "a DICOM medical image", "an HEIC photo".
    static func describe(_ kind: FileKind, name: String) -> String {
        switch kind {
        case .executable: return "a program or script"
        case .dicom: return "a DICOM medical image"
        case .ole2: return "an Office file of an unsupported kind"
        case .other("image/heic"): return "an HEIC photo"
        case .unknown:
            if FileKind.isExecutableName(name) { return "a program or script" }
            return "a file of unknown type"
        default: return "a \(kind.mimeType) file"
        }
    }

    static func megabytes(_ n: Int) -> String {
        let mb = Double(n) / (1024 * 1024)
        return mb >= 10 ? "\(Int(mb.rounded())) MB" : String(format: "%.1f MB", mb)
    }
}
