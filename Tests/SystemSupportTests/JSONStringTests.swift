import Foundation
import Testing
@testable import SystemSupport

@Suite("JSON string literals: one set of rules for every writer")
struct JSONStringTests {
  @Test("quotes, backslashes and every control character are escaped; other text is kept as UTF-8")
  func escapes() throws {
    let text = "a\"b\\c\nd\re\tf\u{00}g\u{08}h\u{0C}i\u{1F}j\u{7F}k\u{85}l\u{9F}m\u{2028}n\u{2029}o 好 🙂 é /"
    let quoted = JSONString.quoted(text)
    #expect(quoted == #""a\"b\\c\nd\re\tf\u0000g\u0008h\u000ci\u001fj\u007fk\u0085l\u009fm\u2028n\u2029o 好 🙂 é /""#)
    // Reads back as the same text (RFC 8259 parser).
    let parsed = try JSONSerialization.jsonObject(with: Data(quoted.utf8), options: .fragmentsAllowed) as? String
    #expect(parsed == text)
  }

  @Test("the byte form and the string form agree; plain text takes the copy path")
  func bytesAndString() {
    for text in ["", "plain ascii", "屏幕很好", "tab\there", "\u{A0}non-breaking", "\u{2027}\u{202F}"] {
      var bytes: [UInt8] = []
      JSONString.append(text, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == JSONString.quoted(text))
    }
    #expect(JSONString.quoted("\u{A0}\u{2027}\u{202F}") == "\"\u{A0}\u{2027}\u{202F}\"")
  }
}
