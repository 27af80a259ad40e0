import Foundation
import Testing

/// Every write is checked: a full disk, a closed descriptor or a closed pipe ends with exit 1 and one line naming
/// the destination (before: SIGILL from `try!` in FileHandle, or exit 0 with the output lost).
@Suite("Failed writes to standard output and files")
struct StandardStreamTests {
  /// Runs `script` in bash with `$0` the saliency executable; the outcome is bash's.
  static func shell(_ script: String, stdin: Data? = nil) throws -> CommandRunner.Outcome {
    try CommandRunner.run(["-c", script, try CommandRunner.executable.path], stdin: stdin,
                          executable: URL(fileURLWithPath: "/bin/bash"))
  }

  static let commands = ["explain good", "explain --format json good", "explain --format jsonl good bad",
                         "explain --format csv good", "explain --format html good", "score good",
                         "score --format json good", "info", "info --format json"]

  @Test("standard output on /dev/full: exit 1, one line naming standard output", arguments: commands)
  func fullDevice(_ command: String) throws {
    let outcome = try Self.shell("\"$0\" \(command) > /dev/full")
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stderr == "saliency: error: cannot write to standard output: no space left on device\n")
  }

  @Test("standard output closed: exit 1, and nothing lands in a file opened later", arguments: commands)
  func closedOutput(_ command: String) throws {
    let outcome = try Self.shell("\"$0\" \(command) >&-")
    #expect(outcome.status == 1, "\(outcome.stderr)")
    #expect(outcome.stderr.hasPrefix("saliency: error: cannot write to standard output: bad file descriptor"))
  }

  @Test("standard error on /dev/full: the error path still exits 1 instead of trapping")
  func fullStandardError() throws {
    let outcome = try Self.shell("\"$0\" explain --model /nonexistent.safetensors good 2>/dev/full; echo \"status $?\"")
    #expect(outcome.stdout == "status 1\n")
  }

  @Test("-o /dev/full names the file")
  func fullFile() throws {
    let outcome = try CommandRunner.run(["explain", "good", "-o", "/dev/full"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr == "saliency: error: cannot write '/dev/full': no space left on device (writing)\n")
  }

  static var rows: Data {
    Data(String(repeating: "{\"text\":\"a good movie\",\"label\":\"positive\"}\n", count: 3_000).utf8)
  }

  @Test("a reader that closes the pipe (| head) ends the process quietly by SIGPIPE, as every filter")
  func closedPipe() throws {
    let outcome = try Self.shell(
      "\"$0\" analyze --format jsonl --input - --model default-en | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\"",
      stdin: Self.rows)
    #expect(outcome.stdout == "141\n", "\(outcome.stderr)")
    #expect(outcome.stderr.isEmpty)
  }

  @Test("with SIGPIPE ignored, a closed pipe is exit 1 with one line", arguments: ["analyze --format jsonl --input - --model default-en",
                                                                                 "explain --input - --model default-en"])
  func closedPipeIgnoringSignal(_ command: String) throws {
    let outcome = try Self.shell(
      "trap '' PIPE; \"$0\" \(command) | head -c 10 > /dev/null; echo \"${PIPESTATUS[0]}\"", stdin: Self.rows)
    #expect(outcome.stdout == "1\n", "\(outcome.stderr)")
    #expect(outcome.stderr == "saliency: error: cannot write to standard output: broken pipe (the reader closed it)\n")
  }
}
