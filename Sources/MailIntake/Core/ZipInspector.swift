import Foundation
import ZIPFoundation

/// Opens a zip attachment in memory (never on disk) and decides whether the form can take it:
/// every entry must be an allowed type; encrypted, corrupt, path-traversing, too deeply nested
/// or bomb-like archives are refused with a reason a person can read.
///
/// Headers are never trusted: the declared sizes are checked first (ratio, total), then every
/// entry is actually inflated with the output counted as it is produced, and inflation stops
/// the moment an entry exceeds what it declared or the archive exceeds its budget.
public enum ZipInspector {
    /// Bounds for one archive, nested archives included.
    public struct Limits: Sendable, Hashable {
        /// Entries in one archive.
        public var maxEntries: Int
        /// Zips inside zips: 1 means a zip may contain zips that contain no further zips.
        public var maxNesting: Int
        /// Declared uncompressed / compressed size of one entry.
        public var maxRatio: Int
        /// Uncompressed bytes over the whole archive, nested ones included.
        public var maxTotalUncompressed: Int

        public init(maxEntries: Int = 1_000, maxNesting: Int = 1, maxRatio: Int = 100, maxTotalUncompressed: Int = 200 * 1024 * 1024) {
            self.maxEntries = maxEntries
            self.maxNesting = maxNesting
            self.maxRatio = maxRatio
            self.maxTotalUncompressed = maxTotalUncompressed
        }
    }

    /// One file found inside (nested paths joined with "!/").
    public struct Item: Sendable, Equatable {
        public var path: String
        public var kind: FileKind
    }

    /// The verdict on one archive.
    public enum Outcome: Sendable, Equatable {
        /// Every entry is an allowed type; `allImages` makes the archive count as one image.
        case accepted(items: [Item], allImages: Bool)
        /// Refused, with the contract's reason code and a sentence for the administrator.
        case rejected(reason: IntakeCase.RejectionReason, detail: String)
    }

    struct Refusal: Error {
        var reason: IntakeCase.RejectionReason
        var detail: String
        static func unreadable(_ d: String) -> Refusal { Refusal(reason: .unreadable, detail: d) }
    }

    /// Inspects `bytes`, a whole zip file.
    public static func inspect(_ bytes: [UInt8], limits: Limits = .init()) -> Outcome {
        var budget = limits.maxTotalUncompressed
        do {
            let items = try inspect(bytes, prefix: "", depth: 0, limits: limits, budget: &budget)
            guard !items.isEmpty else { return .rejected(reason: .empty, detail: "the zip file contains no files") }
            return .accepted(items: items, allImages: items.allSatisfy { $0.kind.isImage })
        } catch {
            return .rejected(reason: error.reason, detail: error.detail)
        }
    }

    /// Names of operating-system clutter that zips made on Macs and Windows carry; ignored.
    static func isClutter(_ name: String) -> Bool {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        return name.hasPrefix("__MACOSX/") || last == ".DS_Store" || last == "Thumbs.db" || last == "desktop.ini"
    }

    /// An entry name that would escape the folder it is extracted into.
    static func isTraversing(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return true }
        let scalars = Array(name.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return true }  // C:\…
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    static func inspect(
        _ bytes: [UInt8], prefix: String, depth: Int, limits: Limits, budget: inout Int
    ) throws(Refusal) -> [Item] {
        let result: Result<[Item], Refusal> = bytes.withUnsafeBufferPointer { b in
            do throws(Refusal) {
                return .success(try inspect(b, prefix: prefix, depth: depth, limits: limits, budget: &budget))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    static func inspect(
        _ b: UnsafeBufferPointer<UInt8>, prefix: String, depth: Int, limits: Limits, budget: inout Int
    ) throws(Refusal) -> [Item] {
        let dir: ZipDirectory
        do {
            dir = try ZipDirectory(b, maxEntries: limits.maxEntries)
        } catch {
            throw .unreadable("\(prefix.isEmpty ? "the zip file" : prefix) cannot be read: \(error.detail)")
        }
        // Entries whose data overlap share a compressed kernel: the "better zip bomb" trick.
        var ranges: [(Range<Int>, String)] = []
        for e in dir.entries where !e.isDirectory {
            do {
                ranges.append((try ZipDirectory.dataRange(of: e, in: b), e.name))
            } catch {
                throw .unreadable("the zip file is damaged: \(error.detail)")
            }
        }
        ranges.sort { $0.0.lowerBound < $1.0.lowerBound }
        for (a, b) in zip(ranges, ranges.dropFirst()) where a.0.upperBound > b.0.lowerBound {
            throw .unreadable("entries \(a.1) and \(b.1) overlap (a zip bomb)")
        }
        var items: [Item] = []
        for e in dir.entries {
            let path = prefix + e.name
            if isTraversing(e.name) { throw .unreadable("entry \(path) points outside the archive") }
            if e.isDirectory || isClutter(e.name) { continue }
            if e.isEncrypted { throw .unreadable("entry \(path) is password-protected") }
            guard e.method == 0 || e.method == 8 else {
                throw .unreadable("entry \(path) uses compression method \(e.method), which cannot be checked")
            }
            if e.uncompressedSize > max(e.compressedSize, 1) * limits.maxRatio {
                throw .unreadable(
                    "entry \(path) claims to expand \(e.uncompressedSize / max(e.compressedSize, 1)) times (limit \(limits.maxRatio)): a zip bomb")
            }
            guard e.uncompressedSize <= budget else {
                throw .unreadable("the archive expands to more than \(limits.maxTotalUncompressed / (1024 * 1024)) MB")
            }
            let data = try inflate(e, in: b, path: path, limits: limits, budget: &budget)
            if data.isEmpty { continue }
            let kind = FileTypeSniffer.sniff(data)
            if kind == .zip {
                guard depth < limits.maxNesting else { throw .unreadable("entry \(path) nests zip files too deeply") }
                items += try inspect(data, prefix: path + "!/", depth: depth + 1, limits: limits, budget: &budget)
                continue
            }
            if case .broken(let why) = ImageStructure.check(data, kind: kind) {
                throw .unreadable("entry \(path): the picture cannot be opened: \(why)")
            }
            switch AttachmentRules.judgeType(name: e.name, declaredType: nil, kind: kind) {
            case .success: items.append(Item(path: path, kind: kind))
            case .failure(let r): throw Refusal(reason: r.reason, detail: "entry \(path): \(r.detail)")
            }
        }
        return items
    }

    /// Inflates one entry, counting output as it comes: never more than the entry declared,
    /// never more than the archive's remaining budget, and the CRC must match.
    static func inflate(
        _ e: ZipDirectory.Entry, in b: UnsafeBufferPointer<UInt8>, path: String, limits: Limits, budget: inout Int
    ) throws(Refusal) -> [UInt8] {
        let range: Range<Int>
        do { range = try ZipDirectory.dataRange(of: e, in: b) } catch { throw .unreadable(error.detail) }
        let cap = min(e.uncompressedSize, budget)
        var out: [UInt8] = []
        out.reserveCapacity(min(cap, 16 * 1024 * 1024))
        let crc: CRC32
        if e.method == 0 {
            guard e.compressedSize == e.uncompressedSize else { throw .unreadable("entry \(path) is damaged (sizes disagree)") }
            out.append(contentsOf: b[range])
            crc = Data(out).crc32(checksum: 0)
        } else {
            let chunk = 64 * 1024
            do {
                // ZIPFoundation sums the CRC-32 of what it inflates as it goes.
                crc = try Data.decompress(
                    size: Int64(range.count), bufferSize: chunk, skipCRC32: false,
                    provider: { position, size in
                        // zlib is handed `bufferSize` bytes whatever we return: always return a
                        // full, zero-padded chunk, and stop at the end of the entry's data.
                        let start = range.lowerBound + Int(position)
                        guard start < range.upperBound else { throw Refusal.unreadable("entry \(path) is truncated") }
                        var d = Data(b[start..<min(start + size, range.upperBound)])
                        if d.count < size { d.append(Data(count: size - d.count)) }
                        return d
                    },
                    consumer: { data in
                        guard out.count + data.count <= cap else {
                            throw Refusal.unreadable(
                                out.count + data.count > e.uncompressedSize
                                    ? "entry \(path) expands beyond its declared size: a zip bomb"
                                    : "the archive expands to more than \(limits.maxTotalUncompressed / (1024 * 1024)) MB")
                        }
                        out.append(contentsOf: data)
                    })
            } catch let r as Refusal {
                throw r
            } catch {
                throw .unreadable("entry \(path) is corrupt (\(error))")
            }
        }
        budget -= out.count
        guard out.count == e.uncompressedSize else { throw .unreadable("entry \(path) is shorter than declared (corrupt)") }
        guard crc == e.crc32 else { throw .unreadable("entry \(path) is corrupt (checksum mismatch)") }
        return out
    }
}
