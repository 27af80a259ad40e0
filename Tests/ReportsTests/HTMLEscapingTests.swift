import Testing
@testable import Reports

@Suite struct HTMLEscapingTests {
  @Test("markup characters become references; quotes too in attributes")
  func markup() {
    #expect(HTMLEscaping.text("<script>alert(1)</script> & \"x\"") == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\"")
    #expect(HTMLEscaping.attribute("\" onmouseover='x'") == "&quot; onmouseover=&#39;x&#39;")
    #expect(HTMLEscaping.text("</textarea>") == "&lt;/textarea&gt;")
  }

  @Test("line breaks and tabs are kept in the original text and become spaces on one line")
  func layout() {
    #expect(HTMLEscaping.text("a\nb\tc\r\nd", layout: .preserved) == "a\nb\tc\r\nd")
    #expect(HTMLEscaping.text("a\nb\tc", layout: .singleLine) == "a b c")
    #expect(HTMLEscaping.attribute("a\nb") == "a b")
  }

  @Test("controls, separators and bidi overrides become visible")
  func controls() {
    #expect(HTMLEscaping.text("\u{1B}[31m\u{0}\u{7F}") == "\u{241B}[31m\u{2400}\u{2421}")
    #expect(HTMLEscaping.text("x\u{9B}2J") == "x\\u{9B}2J")
    #expect(HTMLEscaping.text("a\u{202E}b\u{2066}c\u{2028}") == "a\\u{202E}b\\u{2066}c\\u{2028}")
  }

  @Test("CJK, emoji and combining marks pass unchanged (the fast path and the slow path agree)")
  func passThrough() {
    let text = "屏幕太差了，😀 café 👨‍👩‍👧 e\u{301}"
    #expect(HTMLEscaping.text(text) == text)
    #expect(HTMLEscaping.text(text + "<") == text + "&lt;")
    var output = ""
    HTMLEscaping.appendText(Array(text.unicodeScalars)[0..<5], layout: .preserved, to: &output)
    #expect(output == "屏幕太差了")
  }

  @Test("JSON in a script element cannot close it")
  func scriptJSON() {
    let json = JSONValue.object([("text", .string("</script><!-- <b>"))]).serialized()
    let safe = HTMLEscaping.scriptJSON(json)
    #expect(!safe.contains("<"))
    #expect(safe == #"{"text":"\u003c/script>\u003c!-- \u003cb>"}"#)
    #expect(HTMLEscaping.scriptJSON("[1,2]") == "[1,2]")
  }
}
