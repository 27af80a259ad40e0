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
}
