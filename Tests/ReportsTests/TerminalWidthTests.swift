import Testing
@testable import Reports

@Suite struct TerminalWidthTests {
  @Test(arguments: [
    ("a", 1), ("hello", 5), ("", 0),
    ("屏", 2), ("屏幕", 4), ("，", 2), ("。", 2), ("ｶ", 1), ("Ａ", 2), ("한국어", 6), ("かな", 4),
    ("😀", 2), ("👨‍👩‍👧", 2), ("🇨🇳", 2), ("❤️", 2), ("❤", 1), ("👍🏽", 2),
    ("e\u{301}", 1), ("café", 4), ("\u{1100}\u{1161}", 2), ("a\u{200D}b", 2),
    ("ab屏😀", 6),
  ])
  func stringWidth(text: String, columns: Int) {
    #expect(TerminalWidth.columns(of: text) == columns, "\(text.debugDescription)")
  }

  @Test func scalarWidths() {
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x301)!) == 0)  // combining acute accent
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x20DD)!) == 0)  // combining enclosing circle
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x200B)!) == 0)  // zero-width space (Cf)
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x1B)!) == 0)  // ESC
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x9B)!) == 0)  // CSI
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x4E00)!) == 2)  // 一
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x20000)!) == 2)  // CJK extension B
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x3000)!) == 2)  // ideographic space
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x1F600)!) == 2)  // 😀
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x00E9)!) == 1)  // é
    #expect(TerminalWidth.columns(of: Unicode.Scalar(0x2400 + 0x1B)!) == 1)  // ␛, the sanitizer's picture
  }
}
