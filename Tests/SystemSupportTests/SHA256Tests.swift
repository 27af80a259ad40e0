import Testing
@testable import SystemSupport

@Suite("SHA-256")
struct SHA256Tests {
  @Test("FIPS 180-4 test vectors", arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
  ])
  func vectors(input: String, digest: String) {
    var hash = SHA256()
    hash.update(Array(input.utf8))
    #expect(hash.hexDigest() == digest)
  }

  /// Non-contiguous pieces (`repeatElement`) take the byte-by-byte path in uneven sizes up to 997; contiguous
  /// arrays take the block path in every size from 1 to 130, around the 64-byte block.
  @Test("a million 'a's, fed in uneven pieces", arguments: [false, true])
  func million(contiguous: Bool) {
    var hash = SHA256()
    var remaining = 1_000_000, piece = 1
    while remaining > 0 {
      let count = min(piece, remaining)
      if contiguous {
        hash.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
        piece = piece % 130 + 1
      } else {
        hash.update(repeatElement(UInt8(ascii: "a"), count: count))
        piece = piece * 3 % 997 + 1
      }
      remaining -= count
    }
    #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}
