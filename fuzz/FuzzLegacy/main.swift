// libFuzzer entry point for the legacy-container readers alone (TNEF, uuencode), built by
// `fuzz/run.sh --legacy`. The raw input is both a TNEF stream (with the signature forced
// in front half the time, so the mutator need not rediscover it) and a text body.

@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let tnef = TNEF.extract(bytes[...])
    precondition(tnef.files.reduce(0) { $0 + $1.bytes.count } <= (TNEF.maxDepth + 1) * bytes.count)
    if bytes.first.map({ $0 & 1 == 1 }) == true {
        blackHole(TNEF.extract(([0x78, 0x9F, 0x3E, 0x22, 0, 0] + bytes.dropFirst())[...]))
    }
    if let uu = UUEncode.extract(bytes[...]) {
        precondition(uu.files.reduce(0) { $0 + $1.bytes.count } <= 2 * bytes.count + 1024 + 64 * uu.files.count)
        precondition(uu.text.count <= bytes.count)
    }
    return 0
}
