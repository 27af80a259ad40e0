import Foundation
import Testing

/// No control, C1 or bidirectional character from a model file, a corpus, a file name or an option reaches the
/// terminal (before: `info` and `score` printed labels raw, errors echoed `--target` and corpus labels raw).
@Suite("Terminal safety of labels, file names and messages")
struct TerminalSafetyTests {
  /// Scalars that must never reach a terminal: ESC, BEL, CR, C1 CSI, bidi override, line separator.
  static let unsafe: Set<Unicode.Scalar> = ["\u{1B}", "\u{07}", "\r", "\u{9B}", "\u{202E}", "\u{2028}"]

  static func expectSafe(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let found = text.unicodeScalars.filter { unsafe.contains($0) }
    #expect(found.isEmpty, "unsafe scalars \(found.map { String($0.value, radix: 16) }) in: \(text)", sourceLocation: sourceLocation)
  }

  static let evilLabels = ["neg\u{1B}]52;c;aGk=\u{07}", "pos\u{1B}[2J\u{9B}31m\u{202E}\u{2028}"]

  /// The sample model with its labels replaced in the safetensors header's metadata.
  static func modelWithEvilLabels() throws -> URL {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: try TrainedSampleModel.path()))
    let headerLength = bytes.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    var header = try #require(try JSONSerialization.jsonObject(with: bytes.subdata(in: 8..<(8 + headerLength))) as? [String: Any])
    var metadata = try #require(header["__metadata__"] as? [String: String])
    metadata["saliency.labels"] = String(decoding: try JSONSerialization.data(withJSONObject: evilLabels), as: UTF8.self)
    header["__metadata__"] = metadata
    var json = try JSONSerialization.data(withJSONObject: header)
    while json.count % 8 != 0 { json.append(0x20) }
    var file = Data((0..<8).map { UInt8(truncatingIfNeeded: json.count >> (8 * $0)) })
    file.append(json)
    file.append(bytes.subdata(in: (8 + headerLength)..<bytes.count))
    let url = try CommandRunner.temporaryDirectory().appendingPathComponent("evil.safetensors")
    try file.write(to: url)
    return url
  }

  @Test("info, score and explain show a model's labels with every control made visible")
  func modelLabels() throws {
    let model = try Self.modelWithEvilLabels().path
    for arguments in [["info", "--model", model], ["score", "--model", model, "很好"], ["explain", "--model", model, "很好"],
                      ["explain", "--model", model, "--color", "never", "很好"], ["explain", "--model", model, "--target", "x", "好"]] {
      let outcome = try CommandRunner.run(arguments)
      Self.expectSafe(outcome.stdout)
      Self.expectSafe(outcome.stderr)
      #expect(outcome.stdout.contains("␛") || outcome.stderr.contains("␛"), "\(arguments): the label is shown, made visible")
    }
  }

  @Test("score shows a text with a bidirectional override and a line separator escaped, on one line")
  func scoreText() throws {
    let outcome = try CommandRunner.run(["score", "--model", try TrainedSampleModel.path(), "good \u{202E}live\u{2028}next"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    Self.expectSafe(outcome.stdout)
    #expect(outcome.stdout.contains("good \\u{202E}live\\u{2028}next"), "\(outcome.stdout)")
    #expect(outcome.stdout.split(separator: "\n").count == 1)
  }

  @Test("error messages quoting --target, a corpus label, a method or a file name are made safe")
  func messages() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let corpus = folder.appendingPathComponent("corpus\u{1B}[31m.tsv")
    try Data("label\ttext\nbad\u{1B}[2J\u{202E}\t很差\n".utf8).write(to: corpus)
    let cases: [[String]] = [
      ["explain", "--target", "\u{1B}[2Jevil\u{9B}", "good"],
      ["explain", "--method", "x\u{1B}]8;;http://e\u{07}", "good"],
      ["explain", "--model", "/nonexistent/\u{1B}[2J\u{202E}.safetensors", "good"],
      ["analyze", corpus.path, "--model", try TrainedSampleModel.path(), "--out", folder.appendingPathComponent("out").path],
      ["report", corpus.path, "-o", folder.appendingPathComponent("r\u{2028}.html").path, "--model", "/nonexistent\u{07}"],
    ]
    for arguments in cases {
      let outcome = try CommandRunner.run(arguments)
      #expect(outcome.status != 0, "\(arguments)")
      #expect(!outcome.stderr.isEmpty)
      Self.expectSafe(outcome.stderr)
      Self.expectSafe(outcome.stdout)
    }
  }

  @Test("train refuses a label with a control character, naming file and line")
  func trainRefusesUnsafeLabels() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let corpus = folder.appendingPathComponent("train.tsv")
    try Data("label\ttext\npositive\tgood\nneg\u{1B}[2J\tbad\n".utf8).write(to: corpus)
    let outcome = try CommandRunner.run(["train", corpus.path, "--dev", corpus.path, "--out", folder.appendingPathComponent("m.safetensors").path])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("train.tsv:3: label 'neg␛[2J' contains a control or bidirectional character"), "\(outcome.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["train.tsv"])
  }
}
