import Foundation

/// A small model trained once per test run on the committed Chinese samples through `saliency train`.
enum TrainedSampleModel {
  struct Trained {
    let path: URL
    let trainOutcome: CommandRunner.Outcome
  }

  static let shared: Result<Trained, any Error> = Result {
    let folder = try CommandRunner.temporaryDirectory()
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews")
    let model = folder.appendingPathComponent("zh-sample.safetensors")
    let outcome = try CommandRunner.run([
      "train", samples.appendingPathComponent("train.tsv").path,
      "--dev", samples.appendingPathComponent("dev.tsv").path, "--test", samples.appendingPathComponent("test.tsv").path,
      "--out", model.path, "--embedding-size", "8", "--hidden-size", "12", "--epochs", "2", "--min-count", "1", "--seed", "3",
    ])
    guard outcome.status == 0 else { throw CommandRunnerError("training failed: \(outcome.stderr)") }
    return Trained(path: model, trainOutcome: outcome)
  }

  static func path() throws -> String { try shared.get().path.path }
}
