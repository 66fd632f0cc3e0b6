import Testing
@testable import MIMEParser

@Suite("RFC 2047 encoded words")
struct EncodedWordTests {
    static let cases: [(String, String)] = [
        ("plain text", "plain text"),
        ("=?UTF-8?Q?caf=C3=A9?=", "café"),
        ("=?utf-8?q?a_b?=", "a b"),
        ("=?UTF-8?B?Y2Fmw6k=?=", "café"),
        ("=?UTF-8?B?Y2Fmw6k?=", "café"),  // missing padding
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab"),  // whitespace between words dropped
        ("=?ISO-8859-1?Q?a?=\t  =?ISO-8859-1?Q?b?=", "ab"),
        ("=?ISO-8859-1?Q?a?= b", "a b"),
        ("a =?ISO-8859-1?Q?b?=", "a b"),
        ("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=", "€"),  // one character split across two words
        ("=?UTF-8?Q?=E2=82?= =?UTF-8?Q?=AC?=", "€"),
        ("=?UTF-8*en?Q?hi?=", "hi"),  // RFC 2231 language
        ("=?windows-1256?B?x+HU5dE=?=", "الشهر"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "日本語"),
        ("=?GB2312?B?xOO6ww==?=", "你好"),
        ("=?UTF-8?X?bad?=", "=?UTF-8?X?bad?="),  // unknown encoding left alone
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated"),
        ("=?", "=?"),
        ("a=?UTF-8?Q?b?=c", "abc"),  // not delimited by whitespace: decoded anyway, as mailers expect
    ]

    @Test(arguments: cases) func decodes(_ input: String, _ expected: String) {
        #expect(Decoding.decodeEncodedWords(input) == expected)
    }

    @Test func unknownCharsetFallsBackWithAWarning() {
        let r = Decoding.decodeEncodedWordsNoting("=?x-unknown?Q?caf=C3=A9?=")
        #expect(r.text == "café")
        #expect(r.warning?.contains("unknown charset") == true)
    }
}
