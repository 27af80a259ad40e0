import Foundation
import Testing

@Suite("saliency train and info")
struct TrainCommandTests {
  @Test("train writes a model and prints dev and test figures; info reads it back")
  func trainAndInfo() throws {
    let trained = try TrainedSampleModel.shared.get()
    #expect(trained.trainOutcome.stdout.contains("dev accuracy"))
    #expect(trained.trainOutcome.stdout.contains("test accuracy"))
    #expect(trained.trainOutcome.stdout.contains("macro-F1"))
    let info = try CommandRunner.run(["info", "--model", trained.path.path, "--format", "json"])
    #expect(info.status == 0, "\(info.stderr)")
    let card = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
    for key in ["name", "path", "labels", "config", "metrics", "vocabulary_size", "format_version"] {
      #expect(card[key] != nil, "info lacks \(key)")
    }
    #expect(card["labels"] as? [String] == ["negative", "positive"])
    #expect(card["format_version"] as? String == "1")
    let metrics = try #require(card["metrics"] as? [String: Any])
    #expect((metrics["dev"] as? [String: Any])?["accuracy"] is Double)
    #expect((metrics["test"] as? [String: Any])?["macro_f1"] is Double)
    // No temporary files are left beside the model.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: trained.path.deletingLastPathComponent().path)
    #expect(leftovers == [trained.path.lastPathComponent])
  }

  @Test("a label only in the dev file fails naming the file and line")
  func unknownDevLabel() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let train = folder.appendingPathComponent("train.tsv"), dev = folder.appendingPathComponent("dev.tsv")
    try "label\ttext\npositive\tgood\nnegative\tbad\n".write(to: train, atomically: true, encoding: .utf8)
    try "label\ttext\npositive\tgood\nneutral\tmeh\n".write(to: dev, atomically: true, encoding: .utf8)
    let outcome = try CommandRunner.run(["train", train.path, "--dev", dev.path, "--out", folder.appendingPathComponent("m.safetensors").path])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("dev.tsv:3"), "\(outcome.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m.safetensors").path))
  }

  @Test("a malformed training row fails naming the file and line, or is skipped with --skip-bad-rows")
  func malformedRow() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let train = folder.appendingPathComponent("train.tsv"), dev = folder.appendingPathComponent("dev.tsv")
    var bytes = Data("label\ttext\npositive\tgood\nnegative\tbad\n".utf8)
    bytes.append(contentsOf: [0x6E, 0x65, 0x67, 0x09, 0xFF, 0xFE, 0x0A])  // "neg\t" + invalid UTF-8, line 4
    bytes.append(Data("positive\tnice\nnegative\tawful\n".utf8))
    try bytes.write(to: train)
    try "label\ttext\npositive\tgood\nnegative\tbad\n".write(to: dev, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("m.safetensors").path
    let failed = try CommandRunner.run(["train", train.path, "--dev", dev.path, "--out", out, "--epochs", "1"])
    #expect(failed.status == 1)
    #expect(failed.stderr.contains("train.tsv:4"), "\(failed.stderr)")
    let skipped = try CommandRunner.run(["train", train.path, "--dev", dev.path, "--out", out, "--epochs", "1", "--skip-bad-rows", "--min-count", "1"])
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stderr.contains("train.tsv:4"))
  }
}
