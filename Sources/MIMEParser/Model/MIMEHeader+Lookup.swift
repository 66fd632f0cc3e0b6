extension MIMEHeader {
    /// The first field with this name (case-insensitive), unfolded but not decoded.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Every field with this name, in order.
    public func values(named name: String) -> [String] {
        fields.lazy.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }
}

extension String {
    /// ASCII case-insensitive comparison, as header names require (RFC 5322 §1.2.2).
    /// Compares the UTF-8 bytes in place when both strings are contiguous (native ones are).
    @inlinable
    package func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                for i in 0..<a.count {
                    let x = a[i], y = b[i]
                    if x == y { continue }
                    if x | 0x20 != y | 0x20 { return false }
                    let l = x | 0x20
                    if l < 0x61 || l > 0x7A { return false }  // only letters differ in case
                }
                return true
            }
        }
        if let result = fast ?? nil { return result }
        var a = utf8.makeIterator()
        var b = other.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case let (x?, y?):
                if x == y { continue }
                let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
                let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
                if lx != ly { return false }
            default: return false
            }
        }
    }
}
