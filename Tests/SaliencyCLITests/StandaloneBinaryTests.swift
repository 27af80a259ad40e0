import Foundation
import Testing

@Suite("The binary stands alone")
struct StandaloneBinaryTests {
  @Test("a copy of the executable in another folder explains text with its embedded defaults")
  func copiedBinary() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let copy = folder.appendingPathComponent("saliency")
    try FileManager.default.copyItem(at: try CommandRunner.executable, to: copy)
    let chinese = try CommandRunner.run(["explain", "--format", "json", "这个手机很好用"], executable: copy, directory: folder)
    #expect(chinese.status == 0, "\(chinese.stderr)")
    #expect(chinese.stdout.contains("\"name\": \"default-zh\""))
    let english = try CommandRunner.run(["score", "--format", "json", "what a great flight"], executable: copy, directory: folder)
    #expect(english.status == 0, "\(english.stderr)")
    #expect(english.stdout.contains("\"name\":\"default-en\""))
    let info = try CommandRunner.run(["info", "--format", "json"], executable: copy, directory: folder)
    #expect(info.status == 0)
    let cards = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [[String: Any]])
    #expect(cards.map { $0["name"] as? String } == ["default-zh", "default-en"])
    #expect(cards.allSatisfy { ($0["labels"] as? [String]) == ["negative", "positive"] })
  }
}
