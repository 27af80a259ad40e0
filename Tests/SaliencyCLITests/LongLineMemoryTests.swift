import Foundation
import Testing

/// One 10 MB line stays under 1 GB of memory in every command (before: explain, report and evaluate passed
/// 3 GB, evaluate 8.7 GB, train 12 GB). Peak resident memory is read by a Python parent with getrusage, so each
/// figure is that one command's.
@Suite("A 10 MB line in bounded memory", .serialized)
struct LongLineMemoryTests {
  /// Folder with `line.txt` (10 MB of English words on one line) and `line.tsv` (it, labelled, plus a short row).
  static let folder: Result<URL, any Error> = Result {
    let folder = try CommandRunner.temporaryDirectory()
    let words = ["good", "bad", "movie", "the", "service", "terrible", "great", "food", "was", "not"]
    var generator = SystemRandomNumberGenerator()
    var line = ""
    line.reserveCapacity(10_000_100)
    while line.utf8.count < 10_000_000 { line += words.randomElement(using: &generator)! + " " }
    try Data((line + "\n").utf8).write(to: folder.appendingPathComponent("line.txt"))
    try Data(("label\ttext\npositive\t" + line + "\nnegative\tbad movie\n").utf8).write(to: folder.appendingPathComponent("line.tsv"))
    return folder
  }

  /// Peak resident set of one run of the binary, in bytes; the run must exit 0.
  static func peakBytes(_ arguments: [String]) throws -> Int {
    let script = """
      import resource, subprocess, sys
      done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
      print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
      sys.stderr.write(done.stderr.decode(errors="replace")[-2000:])
      """
    let outcome = try CommandRunner.run(["python3", "-c", script, try CommandRunner.executable.path] + arguments,
                                        executable: URL(fileURLWithPath: "/usr/bin/env"))
    let fields = outcome.stdout.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    #expect(fields.first == "0", "\(arguments.first ?? ""): \(outcome.stderr)")
    return Int(fields.last ?? "") ?? Int.max
  }

  static let commands: [[String]] = [
    ["score", "--input", "line.txt"],
    ["explain", "--input", "line.txt", "--format", "json"],
    ["explain", "--input", "line.txt", "--format", "json", "--method", "trajectory"],
    ["explain", "--input", "line.txt", "--method", "grad-input,lrp,prefix-prediction"],
    ["report", "line.txt", "-o", "report.html"],
    ["analyze", "line.tsv", "--model", "default-en", "--out", "analysis"],
    ["evaluate", "line.tsv", "--model", "default-en", "--out", "evaluation", "--method", "trajectory,grad-input", "--no-sanity"],
    ["train", "line.tsv", "--dev", "line.tsv", "--out", "model.safetensors", "--epochs", "1"],
  ]

  @Test("peak memory under 1 GB", arguments: commands)
  func boundedMemory(_ command: [String]) throws {
    let folder = try Self.folder.get().path
    let absolute = command.map { ["line.txt", "line.tsv", "report.html", "analysis", "evaluation", "model.safetensors"].contains($0) ? folder + "/" + $0 : $0 }
    let peak = try Self.peakBytes(absolute)
    #expect(peak < 1 << 30, "\(command[0]) peaked at \(peak / (1 << 20)) MiB")
  }
}
