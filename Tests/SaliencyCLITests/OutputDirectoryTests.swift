import Foundation
import Testing

/// `analyze`, `merge` and `evaluate --out DIR` never delete a user's files (issue: an unrelated directory, or
/// `--out .`, was emptied and the command exited 0).
@Suite("Output directories are replaced only when they are the tool's own")
struct OutputDirectoryTests {
  static let corpus = CommandRunner.repositoryRoot.appendingPathComponent("samples/zh-reviews/test.tsv").path

  static func analyze(_ arguments: [String], directory: URL? = nil) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["analyze", corpus, "--model", try TrainedSampleModel.path(), "--method", "trajectory"] + arguments,
                          directory: directory)
  }

  static func listing(_ url: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  @Test("a directory of the user's files is refused with the fix named, before any work; --force replaces it")
  func foreignDirectory() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let mine = folder.appendingPathComponent("mine")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try Data("draft".utf8).write(to: mine.appendingPathComponent("notes.txt"))
    let refused = try Self.analyze(["--out", mine.path])
    #expect(refused.status == 1, "\(refused.stderr)")
    #expect(refused.stderr.contains("refusing to replace directory '\(mine.path)'") && refused.stderr.contains("--force"))
    #expect(refused.stdout.isEmpty)
    #expect(try Self.listing(mine) == ["notes.txt"])
    let forced = try Self.analyze(["--out", mine.path, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try Self.listing(mine).contains("summary.json") && !Self.listing(mine).contains("notes.txt"))
    let again = try Self.analyze(["--out", mine.path])
    #expect(again.status == 0, "an earlier output is replaced without --force: \(again.stderr)")
  }

  @Test("--out . and --out .. are refused even with --force, and the files stay")
  func currentDirectory() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let work = folder.appendingPathComponent("work")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: work.appendingPathComponent("keep.txt"))
    for out in [".", ".."] {
      let outcome = try Self.analyze(["--out", out, "--force"], directory: work)
      #expect(outcome.status == 1 && outcome.stderr.contains("holds the current directory")
              || outcome.stderr.contains("is the current directory"), "\(outcome.stderr)")
    }
    let root = try Self.analyze(["--out", "/", "--force"])
    #expect(root.status == 1 && root.stderr.contains("it is the root directory"), "\(root.stderr)")
    #expect(try Self.listing(work) == ["keep.txt"])
    #expect(try Self.listing(folder) == ["work"])
  }

  @Test("merge cannot write over a shard it reads; evaluate cannot write over the folder of its corpus")
  func inputsAreProtected() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let shard = folder.appendingPathComponent("shard0")
    #expect(try Self.analyze(["--out", shard.path, "--shard", "0/1"]).status == 0)
    let before = try Self.listing(shard)
    let merge = try CommandRunner.run(["merge", shard.path, "--out", shard.path, "--force"])
    #expect(merge.status == 1 && merge.stderr.contains("it holds the input '\(shard.path)'"), "\(merge.stderr)")
    #expect(try Self.listing(shard) == before)
    let copy = folder.appendingPathComponent("data/corpus.tsv")
    try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.corpus, toPath: copy.path)
    let evaluate = try CommandRunner.run(["evaluate", copy.path, "--model", try TrainedSampleModel.path(),
                                          "--out", copy.deletingLastPathComponent().path, "--force"])
    #expect(evaluate.status == 1 && evaluate.stderr.contains("it holds the input"), "\(evaluate.stderr)")
    #expect(FileManager.default.fileExists(atPath: copy.path))
  }

  @Test("a run killed half-way leaves a hidden directory that the next run removes")
  func killedRunIsCleanedUp() throws {
    let folder = try CommandRunner.temporaryDirectory()
    let big = folder.appendingPathComponent("big.tsv")
    let rows = try String(contentsOfFile: Self.corpus, encoding: .utf8).split(separator: "\n").dropFirst()
    var text = "label\ttext\n"
    for _ in 0..<400 { text += rows.joined(separator: "\n") + "\n" }
    try Data(text.utf8).write(to: big)
    let out = folder.appendingPathComponent("out")
    let process = Process()
    process.executableURL = try CommandRunner.executable
    process.arguments = ["analyze", big.path, "--model", try TrainedSampleModel.path(), "--method", "occlusion", "--out", out.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var temporary: [String] = []
    while temporary.isEmpty, Date() < deadline, process.isRunning {
      Thread.sleep(forTimeInterval: 0.05)
      temporary = try Self.listing(folder).filter {
        $0.hasPrefix(".out.tmp-") && FileManager.default.fileExists(atPath: folder.path + "/" + $0 + "/examples.jsonl")
      }
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(temporary.count == 1, "the run must have started its hidden directory")
    #expect(try Self.listing(folder) == (temporary + ["big.tsv"]).sorted())
    let next = try Self.analyze(["--out", out.path])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(try Self.listing(folder) == ["big.tsv", "out"])
  }
}
