import Foundation
import Testing

@Suite("saliency train --cell, --layers, --bidirectional")
struct TrainArchitectureTests {
  @Test("a 2-layer bidirectional GRU trains, records its encoder, and every method explains it")
  func bidirectionalStackedGRU() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews")
    let model = folder.appendingPathComponent("bigru.safetensors").path
    let trained = try CommandRunner.run([
      "train", samples.appendingPathComponent("train.tsv").path, "--dev", samples.appendingPathComponent("dev.tsv").path,
      "--out", model, "--embedding-size", "8", "--hidden-size", "6", "--epochs", "1", "--min-count", "1", "--seed", "3",
      "--cell", "gru", "--layers", "2", "--bidirectional", "--layer-dropout", "0.2", "--weight-average", "0.9",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    #expect(trained.stderr.contains("encoder 2-layer bidirectional GRU"), "\(trained.stderr)")
    let info = try CommandRunner.run(["info", "--model", model, "--format", "json"])
    let card = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
    let config = try #require(card["config"] as? [String: Any])
    #expect(config["cell"] as? String == "gru")
    #expect(config["layers"] as? Int == 2)
    #expect(config["bidirectional"] as? Bool == true)
    #expect(config["layer_dropout"] as? Double == 0.2)
    #expect(config["weight_average"] as? Double == 0.9)
    let text = try CommandRunner.run(["info", "--model", model])
    #expect(text.stdout.contains("encoder: 2-layer bidirectional GRU"), "\(text.stdout)")
    let explained = try CommandRunner.run(["explain", "--model", model, "--format", "json", "--method", "all", "屏幕很好，但是电池太差了"])
    #expect(explained.status == 0, "\(explained.stderr)")
    let scored = try CommandRunner.run(["score", "--model", model, "--format", "json", "屏幕很好"])
    let reference = try #require(try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [String: Any])
    let encoder = try #require((reference["model"] as? [String: Any])?["encoder"] as? [String: Any])
    #expect(encoder["cell"] as? String == "gru" && encoder["layers"] as? Int == 2 && encoder["bidirectional"] as? Bool == true)
  }

  @Test("--layer-dropout needs a stacked encoder; --layers must be positive; an unknown cell names the choices")
  func validation() throws {
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews")
    let base = ["train", samples.appendingPathComponent("train.tsv").path, "--dev", samples.appendingPathComponent("dev.tsv").path,
                "--out", "unused.safetensors"]
    let dropout = try CommandRunner.run(base + ["--layer-dropout", "0.3"])
    #expect(dropout.status != 0)
    #expect(dropout.stderr.contains("add --layers 2"), "\(dropout.stderr)")
    let layers = try CommandRunner.run(base + ["--layers", "0"])
    #expect(layers.stderr.contains("--layers must be at least 1"), "\(layers.stderr)")
    let average = try CommandRunner.run(base + ["--weight-average", "1"])
    #expect(average.status != 0)
    #expect(average.stderr.contains("--weight-average is a decay in [0, 1)"), "\(average.stderr)")
    let cell = try CommandRunner.run(base + ["--cell", "rnn"])
    #expect(cell.status != 0)
    #expect(cell.stderr.contains("lstm") && cell.stderr.contains("gru"), "\(cell.stderr)")
  }
}
