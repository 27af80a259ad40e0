import Foundation
import Testing

/// Colour decisions of `explain` on a real terminal (a pseudo-terminal from `script`), and the positions in
/// the top-k lists.
@Suite("explain's colours and top-k positions")
struct ColorCommandTests {
  static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

  /// Runs `saliency ARGUMENTS` with its standard output on a pseudo-terminal (`script -qec`), so `--color
  /// auto` sees a TTY; returns what the terminal received.
  func onTerminal(_ arguments: [String], environment: [String: String]) throws -> CommandRunner.Outcome {
    let quoted = ([try CommandRunner.executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    return try CommandRunner.run(["-qec", quoted.joined(separator: " "), "/dev/null"], environment: environment,
                                 executable: URL(fileURLWithPath: "/usr/bin/script"))
  }

  @Test("--color auto colours a terminal, but not one whose TERM is dumb; --color always still wins",
        .enabled(if: ColorCommandTests.hasScript, "needs script(1) for a pseudo-terminal"))
  func dumbTerminal() throws {
    let model = try TrainedSampleModel.path()
    let arguments = ["explain", "--model", model, "--method", "occlusion", "--scale", "text", "屏幕很好，但是电池太差了"]
    let colour = try onTerminal(arguments, environment: ["TERM": "xterm-256color"])
    #expect(colour.status == 0, "\(colour.stderr)")
    #expect(colour.stdout.contains("\u{1B}[48;2;"), "a terminal with a capable TERM gets 24-bit colour")
    let dumb = try onTerminal(arguments, environment: ["TERM": "dumb"])
    #expect(dumb.status == 0, "\(dumb.stderr)")
    #expect(dumb.stdout.contains("屏["), "TERM=dumb prints token[score]")
    #expect(!dumb.stdout.contains("\u{1B}"), "TERM=dumb gets no escape sequence")
    let forced = try onTerminal(arguments + ["--color", "always"], environment: ["TERM": "dumb"])
    #expect(forced.stdout.contains("\u{1B}[48;2;"), "an explicit --color always beats TERM=dumb")
    let noColor = try onTerminal(arguments, environment: ["TERM": "xterm-256color", "NO_COLOR": "1"])
    #expect(!noColor.stdout.contains("\u{1B}"))
  }

  @Test("--top-k lists each token with its position, so a repeated word can be told apart")
  func topKPositions() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--color", "never", "--method", "occlusion",
                                         "--top-k", "12", "差差差好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let listed = outcome.stdout.split(separator: "\n").filter { $0.contains("most supporting") || $0.contains("most opposing") }
      .joined(separator: " ")
    let positions = listed.matches(of: /#(\d+) (\S+) [+-]/).map { (Int($0.1) ?? 0, String($0.2)) }
    #expect(!positions.isEmpty, "\(outcome.stdout)")
    #expect(Set(positions.map(\.0)).count == positions.count, "each position is listed once")
    for (position, token) in positions {
      #expect(Array("差差差好").map(String.init)[position - 1] == token, "#\(position) names the token at that position")
    }
    #expect(positions.filter { $0.1 == "差" }.count >= 2 || positions.count < 3, "the repeated 差 appears at distinct positions")
  }

  @Test("the HTML top-k table names positions too")
  func htmlTopKPositions() throws {
    let model = try TrainedSampleModel.path()
    let outcome = try CommandRunner.run(["explain", "--model", model, "--format", "html", "--method", "occlusion",
                                         "--top-k", "3", "差差差好"])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("<span class=\"pos\">#"))
    #expect(outcome.stdout.contains("(#n: the n-th token of the text)"))
  }

  @Test("report and explain colour on the absolute scale by default and say where the colour saturates")
  func absoluteByDefault() throws {
    let model = try TrainedSampleModel.path()
    let folder = try CommandRunner.temporaryDirectory()
    let input = folder.appendingPathComponent("texts.txt")
    try "屏幕很好\n电池太差了\n".write(to: input, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("r.html")
    let report = try CommandRunner.run(["report", input.path, "--model", model, "-o", output.path, "--method", "occlusion,gradient"])
    #expect(report.status == 0, "\(report.stderr)")
    let html = try String(contentsOf: output, encoding: .utf8)
    #expect(html.contains("Normalisation: absolute"))
    #expect(html.contains("<span class=\"f\">saturates ±0.5 probability ·</span>"))
    let perText = try CommandRunner.run(["report", input.path, "--model", model, "-o", output.path, "--method", "occlusion",
                                         "--scale", "text"])
    #expect(perText.status == 0, "\(perText.stderr)")
    #expect(!(try String(contentsOf: output, encoding: .utf8)).contains("saturates ±"))
    let terminal = try CommandRunner.run(["explain", "--model", model, "--color", "never", "--method", "occlusion,gradient", "很好"])
    #expect(terminal.stdout.contains("colour saturates at ±0.5 probability, fixed for occlusion"))
    #expect(terminal.stdout.contains("gradient has no absolute unit"))
    let text = try CommandRunner.run(["explain", "--model", model, "--color", "never", "--method", "occlusion", "--scale", "text", "很好"])
    #expect(text.stdout.contains("(max |score| of this text)"))
    let page = try CommandRunner.run(["explain", "--model", model, "--format", "html", "--method", "occlusion", "很好"])
    #expect(page.stdout.contains("Normalisation: absolute"))
    let textPage = try CommandRunner.run(["explain", "--model", model, "--format", "html", "--method", "occlusion",
                                          "--scale", "text", "很好"])
    #expect(textPage.stdout.contains("Normalisation: per text"))
    #expect(try CommandRunner.run(["explain", "--scale", "page", "很好"]).status == 64)
    #expect(try CommandRunner.run(["explain", "--theme", "blue", "很好"]).status == 64)
  }
}
