import Foundation
import Testing
@testable import Reports

@Suite("JSON values serialise to exact, parseable text")
struct JSONValueTests {
  let value = JSONValue.object([
    ("ints", .array([.int(0), .int(-7), .int(42), .int(Int.min), .int(Int.max)])),
    ("numbers", .array([.double(0.1), .double(-2.5e-8), .double(.nan), .float(0.1), .float(-.infinity)])),
    ("text", .string("a\"b\\c\nd\u{01}e\u{2028}f\u{85}g 好 🙂")),
    ("nested", .object([("empty", .array([])), ("flag", .bool(true)), ("none", .null)])),
  ])

  @Test func compactText() {
    #expect(value.serialized() == #"{"ints":[0,-7,42,-9223372036854775808,9223372036854775807],"#
      + #""numbers":[0.1,-2.5e-08,null,0.1,null],"text":"a\"b\\c\nd\u0001e\u2028f\u0085g 好 🙂","#
      + #""nested":{"empty":[],"flag":true,"none":null}}"#)
  }

  @Test func prettyText() {
    #expect(value.prettyPrinted() == """
      {
        "ints": [0, -7, 42, -9223372036854775808, 9223372036854775807],
        "numbers": [0.1, -2.5e-08, null, 0.1, null],
        "text": "a\\"b\\\\c\\nd\\u0001e\\u2028f\\u0085g 好 🙂",
        "nested": {
          "empty": [],
          "flag": true,
          "none": null
        }
      }
      """)
    // An object of scalars only stays on one line.
    #expect(JSONValue.object([("x", .object([("a", .int(1)), ("b", .string("c"))]))]).prettyPrinted()
      == "{\n  \"x\": {\"a\": 1, \"b\": \"c\"}\n}")
  }

  @Test func compactTextParsesBack() throws {
    let parsed = try JSONSerialization.jsonObject(with: Data(value.serialized().utf8)) as? [String: Any]
    #expect((parsed?["ints"] as? [Int]) == [0, -7, 42, Int.min, Int.max])
    #expect((parsed?["text"] as? String) == "a\"b\\c\nd\u{01}e\u{2028}f\u{85}g 好 🙂")
  }
}
