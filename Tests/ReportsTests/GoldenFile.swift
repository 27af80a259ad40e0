import Foundation
import Testing

/// Byte-for-byte comparison with the files in `Golden/`.
///
/// `RECORD_GOLDEN=1 swift test` writes the actual output into the source tree (beside this file) instead of
/// comparing, and the test passes; review the diff and commit it. Otherwise a mismatch fails the test and
/// names the first differing line.
enum GoldenFile {
  /// The `Golden/` folder in the source tree, located from this file's path (used only when recording).
  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

  static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if isRecording {
      try FileManager.default.createDirectory(at: sourceFolder, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: sourceFolder.appendingPathComponent(name), options: .atomic)
      return
    }
    let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil), sourceLocation: sourceLocation)
    let url = folder.appendingPathComponent(name)
    guard let expected = try? Data(contentsOf: url) else {
      Issue.record("missing golden file \(name); run `RECORD_GOLDEN=1 swift test` to create it", sourceLocation: sourceLocation)
      return
    }
    guard expected != Data(actual.utf8) else { return }
    Issue.record(Comment(rawValue: firstDifference(expected: String(decoding: expected, as: UTF8.self), actual: actual, name: name)),
                 sourceLocation: sourceLocation)
  }

  /// A message naming the first line that differs, with escapes made visible.
  static func firstDifference(expected: String, actual: String, name: String) -> String {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(expectedLines.count, actualLines.count) {
      let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
      let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
      if want != got {
        return """
          \(name) differs at line \(index + 1) (RECORD_GOLDEN=1 re-records):
            expected: \(want.debugDescription)
            actual:   \(got.debugDescription)
          """
      }
    }
    return "\(name) differs (line endings or trailing bytes)"
  }
}
