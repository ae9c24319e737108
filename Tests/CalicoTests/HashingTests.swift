import Testing
@testable import Calico

/// NIST FIPS 180 example vectors, RFC 4648 base64 vectors, and Calico's own ID vectors.
@Suite struct HashingTests {
    static let alphabet448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"

    @Test(arguments: [
        ("abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
        ("", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f"),
        (alphabet448, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525"),
    ])
    func sha224Vectors(input: String, expected: String) {
        #expect(Hex.encode(SHA224.digest(Array(input.utf8))) == expected)
    }

    @Test func sha224OneMillionA() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(SHA224.digest(input)) == "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67")
    }

    @Test(arguments: [
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        (alphabet448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
    ])
    func sha1Vectors(input: String, expected: String) {
        #expect(Hex.encode(SHA1.digest(Array(input.utf8))) == expected)
    }

    @Test func sha1OneMillionA() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Hex.encode(SHA1.digest(input)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// Lengths around the padding boundary (55, 56, 63, 64 bytes) exercise the one/two-block split:
    /// a digest over a slice must equal the digest over the same bytes as an array.
    @Test func paddingBoundariesAreConsistent() {
        let bytes = Array((0..<130).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var seen = Set<[UInt8]>()
        for length in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
            let fromSlice = SHA224.digest(bytes[0..<length])
            #expect(fromSlice == SHA224.digest(Array(bytes[0..<length])))
            #expect(fromSlice.count == 28)
            #expect(SHA1.digest(bytes[0..<length]).count == 20)
            seen.insert(fromSlice)
        }
        #expect(seen.count == 9)
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func base64RFC4648(input: String, expected: String) {
        #expect(Base64URL.encodeNoPadding(Array(input.utf8)) == expected)
    }

    @Test func base64UsesTheURLSafeAlphabet() {
        // Standard base64 of fb ff bf is "+/+/"; the URL-safe alphabet swaps + and /.
        #expect(Base64URL.encodeNoPadding([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(Base64URL.encodeNoPadding([0xfb, 0xff]) == "-_8")
    }

    /// Spec §2.5 (from Calico's parser_test.go `canonicalisationTests`).
    @Test(arguments: [
        ("all()", "s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug"),
        ("!(has(b) || !has(a))", "s:Iss0uCleLYv1GSv_pNm7hAO58kE9jAx1NKyG3Q"),
        ("!(a == \"b\" && !c != \"d\")", "s:lh3haoY1ikTRkd4UZu0nWSaIBknYLPJLX16d-w"),
    ])
    func selectorUniqueIDs(canonical: String, expected: String) {
        let id = UniqueID.make(prefix: "s", content: canonical)
        #expect(id == expected)
        #expect(id.count == 40)
    }

    /// Spec §3.2: named-port IP set ID (Felix's `namedPortID` test helper).
    @Test func namedPortID() {
        let selectorID = UniqueID.make(prefix: "s", content: "all()")
        let id = UniqueID.make(prefix: "n", content: selectorID + ",tcp,http")
        #expect(id == "n:cl9_Kgeu4H0OGLbhovVR3NBLUOZscKeMK1Mu4A")
    }

    /// Spec §1.1: `VethNameForWorkload` = "cali" + hex(sha1("<ns>.<pod>"))[:11].
    @Test func interfaceName() {
        let hex = Hex.encode(SHA1.digest(Array("prod.db-0".utf8)))
        #expect("cali" + hex.prefix(11) == "cali20aafc107a9")
    }
}
