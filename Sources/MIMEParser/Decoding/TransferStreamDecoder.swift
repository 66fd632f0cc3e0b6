/// What the whole-body and chunked entry points need of a streaming transfer decoder.
///
/// Base64 and quoted-printable differ only in their streaming decoders; wrapping one up to
/// decode a whole body, or to feed a part's body through it in chunks, is the same logic for
/// both, so it lives here once. Internal and generic: inside the module the compiler
/// specialises each use for the concrete decoder, so the hot loops pay nothing for it.
protocol TransferStreamDecoder {
    /// A decoder at the start of a body.
    init()
    /// Decodes one chunk, appending what is already certain to `output`.
    mutating func decode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8])
    /// Ends the body: flushes what is left into `output` and returns the report.
    mutating func finish(into output: inout [UInt8]) -> DecodeReport
}

extension Base64.StreamDecoder: TransferStreamDecoder {}
extension QuotedPrintable.StreamDecoder: TransferStreamDecoder {}

extension TransferStreamDecoder {
    /// Decodes a whole body in one step, appending the bytes to `output`.
    static func decodeWhole(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) -> DecodeReport {
        var decoder = Self()
        decoder.decode(input, into: &output)
        return decoder.finish(into: &output)
    }

    /// Decodes a whole body held in any byte collection, copying it only when its storage
    /// is not contiguous.
    static func decodeWhole(_ input: some Collection<UInt8>) -> (bytes: [UInt8], report: DecodeReport) {
        var output: [UInt8] = []
        let report: DecodeReport
        if let done = input.withContiguousStorageIfAvailable({ buffer in
            decodeWhole(UnsafeRawBufferPointer(buffer), into: &output)
        }) {
            report = done
        } else {
            report = Array(input).withUnsafeBytes { decodeWhole($0, into: &output) }
        }
        return (output, report)
    }
}
