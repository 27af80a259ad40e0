import Foundation
import Testing

@Suite("Ctrl-C during training")
struct InterruptTests {
  @Test("SIGINT stops training with exit 1 and leaves either no model or a complete one, never a temp file")
  func interruptLeavesNoHalfFile() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let samples = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews")
    let model = folder.appendingPathComponent("m.safetensors")
    let process = Process()
    process.executableURL = try CommandRunner.executable
    process.arguments = ["train", samples.appendingPathComponent("train.tsv").path, "--dev", samples.appendingPathComponent("dev.tsv").path,
                         "--out", model.path, "--epochs", "200", "--patience", "200", "--embedding-size", "8", "--hidden-size", "8"]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: model.path), Date() < deadline, process.isRunning {
      Thread.sleep(forTimeInterval: 0.05)
    }
    process.interrupt()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1, "\(stderr)")
    #expect(stderr.contains("interrupted"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["m.safetensors"])
    let info = try CommandRunner.run(["info", "--model", model.path, "--format", "json"])
    #expect(info.status == 0, "the model left after Ctrl-C must load: \(info.stderr)")
  }

  @Test("SIGINT during report, evaluate and explain: exit 1 after one line, and no output written",
        arguments: [["report", "samples/zh-reviews/train.tsv", "-o", "OUT", "--method", "shapley"],
                    ["evaluate", "samples/zh-reviews/train.tsv", "--out", "OUT"],
                    ["explain", "--input", "samples/zh-reviews/train.tsv", "--method", "shapley", "-o", "OUT"]])
  func interruptEverywhere(_ command: [String]) throws {
    let folder = try CommandRunner.temporaryDirectory()
    let out = folder.appendingPathComponent("out").path
    let process = Process()
    process.executableURL = try CommandRunner.executable
    process.currentDirectoryURL = CommandRunner.repositoryRoot
    process.arguments = command.map { $0 == "OUT" ? out : $0 } + ["--model", try TrainedSampleModel.path()]
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    #expect(process.isRunning, "the command must still be working when interrupted")
    process.interrupt()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(stderr)")
    #expect(stderr.hasSuffix("saliency: error: interrupted; no output was written or changed\n"), "\(stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
