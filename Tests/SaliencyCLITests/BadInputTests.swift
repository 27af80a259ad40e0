import Foundation
import Testing

/// Bad input never traps: a one-line message and exit 1 (runtime) or 64 (usage), nothing half-written.
@Suite("Bad input")
struct BadInputTests {
  func expectFailure(_ arguments: [String], status: Int32, mentioning fragment: String, stdin: Data? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    let outcome = try CommandRunner.run(arguments, stdin: stdin)
    #expect(outcome.status == status, "exit \(outcome.status): \(outcome.stderr)", sourceLocation: sourceLocation)
    #expect(outcome.stderr.contains(fragment), "stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
    #expect(outcome.stdout.isEmpty, sourceLocation: sourceLocation)
  }

  @Test func missingModel() throws {
    try expectFailure(["explain", "--model", "/nonexistent/m.safetensors", "text"], status: 1, mentioning: "/nonexistent/m.safetensors")
  }

  @Test func directoryAsModel() throws {
    try expectFailure(["explain", "--model", NSTemporaryDirectory(), "text"], status: 1, mentioning: "directory")
  }

  @Test func corruptModel() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let path = folder.appendingPathComponent("bad.safetensors")
    try Data([1, 2, 3, 4, 5, 6, 7, 8, 9]).write(to: path)
    try expectFailure(["explain", "--model", path.path, "--token-ids", "1"], status: 1, mentioning: "bad.safetensors")
  }

  @Test func emptyText() throws {
    let model = try TrainedSampleModel.path()
    try expectFailure(["explain", "--model", model, "   "], status: 1, mentioning: "empty")
  }

  @Test func invalidUTF8Input() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("texts.txt")
    try Data([0x68, 0x69, 0x0A, 0xC3, 0x28, 0x0A]).write(to: input)
    try expectFailure(["explain", "--model", model, "--input", input.path], status: 1, mentioning: "texts.txt:2")
  }

  @Test func directoryAsInput() throws {
    let model = try TrainedSampleModel.path()
    try expectFailure(["explain", "--model", model, "--input", NSTemporaryDirectory()], status: 1, mentioning: "directory")
  }

  @Test func tokenIdsNeedModel() throws {
    try expectFailure(["explain", "--token-ids", "1,2"], status: 64, mentioning: "--model")
  }

  @Test func unknownMethod() throws {
    try expectFailure(["explain", "--method", "magic", "text"], status: 64, mentioning: "magic")
  }

  @Test func optionWithoutItsMethod() throws {
    try expectFailure(["explain", "--method", "trajectory", "--erasure", "unk", "text"], status: 64, mentioning: "occlusion")
    try expectFailure(["explain", "--method", "grad-input", "--measure", "log-odds", "text"], status: 64, mentioning: "occlusion")
  }

  @Test func unkErasureWithoutUnk() throws {
    let model = CommandRunner.fixtures.appendingPathComponent("pytorch-export.safetensors").path
    try expectFailure(["explain", "--model", model, "--token-ids", "3,4", "--method", "occlusion", "--erasure", "unk"],
                      status: 64, mentioning: "<unk>")
  }

  @Test func unknownTarget() throws {
    let model = try TrainedSampleModel.path()
    try expectFailure(["explain", "--model", model, "--target", "happy", "很好"], status: 1, mentioning: "happy")
  }

  @Test func tokenIdOutOfRange() throws {
    let model = CommandRunner.fixtures.appendingPathComponent("pytorch-export.safetensors").path
    try expectFailure(["explain", "--model", model, "--token-ids", "1,500"], status: 1, mentioning: "500")
  }

  @Test("an unwritable output path fails clearly and leaves no file")
  func unwritableOutput() throws {
    let model = try TrainedSampleModel.path()
    try expectFailure(["explain", "--model", model, "-o", "/nonexistent-dir/out.json", "很好"], status: 1, mentioning: "/nonexistent-dir")
  }
}

/// Absurd training sizes and non-finite options are refused before anything is allocated (before: `train
/// --hidden-size 100000` aborted allocating 160 GB; `--clip-norm nan` was accepted).
@Suite("Training limits")
struct TrainingLimitTests {
  static let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews")

  static func train(_ extra: [String]) throws -> CommandRunner.Outcome {
    let out = try CommandRunner.temporaryDirectory().appendingPathComponent("m.safetensors").path
    return try CommandRunner.run(["train", samples.appendingPathComponent("train.tsv").path,
                                  "--dev", samples.appendingPathComponent("dev.tsv").path, "--out", out] + extra)
  }

  @Test("a hidden size that cannot fit in memory: exit 1, the sizes and the machine's memory named")
  func absurdHiddenSize() throws {
    let outcome = try Self.train(["--hidden-size", "100000"])
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("--hidden-size 100000") && outcome.stderr.contains("this machine has"))
  }

  @Test("non-finite --clip-norm and --learning-rate are usage errors", arguments: [["--clip-norm", "nan"], ["--clip-norm", "inf"],
                                                                                 ["--learning-rate", "inf"]])
  func nonFinite(_ option: [String]) throws {
    let outcome = try Self.train(option)
    #expect(outcome.status == 64, "\(outcome.stderr)")
  }
}
