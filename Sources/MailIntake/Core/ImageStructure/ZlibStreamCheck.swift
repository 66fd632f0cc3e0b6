import CZlib

/// Inflates a zlib stream (RFC 1950) fed in pieces, only to prove that it is whole: the
/// output goes to one fixed 64 KiB scratch buffer and is counted, never kept, so checking a
/// picture costs no memory in proportion to its pixels. zlib itself verifies the Adler-32
/// at the end of the stream.
///
/// zlib comes through ZIPFoundation's `CZlib` module (the system libz ZIPFoundation already
/// links on Linux), so no second copy of inflate enters the program.
final class ZlibStreamCheck {
    private var stream = z_stream()
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    private var started = false
    /// Bytes produced so far.
    private(set) var produced = 0
    /// True once the stream's end (and its checksum) has been read.
    private(set) var finished = false
    /// Stop with an error past this many output bytes (the picture holds no more).
    let limit: Int

    init(limit: Int) throws(ImageDefect) {
        self.limit = limit
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ImageDefect("the image data cannot be decompressed (zlib failed to start)")
        }
        started = true
    }

    deinit {
        if started { inflateEnd(&stream) }
    }

    /// Feeds `input`. Bytes after the end of the stream are ignored (as decoders do).
    func feed(_ input: UnsafeBufferPointer<UInt8>) throws(ImageDefect) {
        guard !finished, let base = input.baseAddress, !input.isEmpty else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base)
        stream.avail_in = UInt32(input.count)
        let size = scratch.count
        var failure: ImageDefect?
        scratch.withUnsafeMutableBufferPointer { out in
            while true {
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(size)
                let status = inflate(&stream, Z_NO_FLUSH)
                produced += size - Int(stream.avail_out)
                if produced > limit {
                    failure = ImageDefect("the image data holds more than the picture's size allows")
                    return
                }
                if status == Z_STREAM_END {
                    finished = true
                    return
                }
                if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) { return }
                if status != Z_OK {
                    failure = ImageDefect("the compressed image data is corrupt")
                    return
                }
            }
        }
        stream.next_in = nil
        if let failure { throw failure }
    }
}
