import ArgumentParser
import Foundation
import LSTMCore
import Reports
import SystemSupport

/// `saliency`: train an LSTM text classifier and explain its predictions word by word.
@main
struct SaliencyCommand: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "saliency",
    abstract: "Explain which words drive an LSTM text classifier's predictions.",
    version: version,
    subcommands: [ExplainCommand.self, ScoreCommand.self, TrainCommand.self, InfoCommand.self, ReportCommand.self,
                  AnalyzeCommand.self, MergeCommand.self, EvaluateCommand.self, ServeCommand.self],
    defaultSubcommand: nil
  )

  /// Selects fast BLAS kernels (which may re-execute the process once), guards closed standard streams, gives
  /// OpenBLAS one thread (the commands parallelise over texts themselves, `Parallel`), then runs the command line.
  static func main() {
    BLASKernelSelection.reexecuteWithFasterKernelsIfNeeded()
    StandardOutput.prepare()
    DefaultInterrupt.install()
    MemoryReuse.keepFreedMemory()
    Gemm.setLibraryThreads(1)
    var parsed: (any ParsableCommand)?
    do {
      parsed = try parseAsRoot()
      try parsed?.run()
    } catch let error as ValidationError where parsed != nil {
      // A usage error found once the command runs (it depends on the input): name the subcommand's help.
      let name = parsed.map { type(of: $0).configuration.commandName ?? "" } ?? ""
      Diagnostics.write(TerminalSanitizer.sanitizeLines("Error: \(error.message)\n  See 'saliency \(name) --help' for more information.") + "\n")
      Glibc.exit(ExitCode.validationFailure.rawValue)
    } catch {
      exit(reporting: error)
    }
  }

  /// argument-parser's ending (help and version on stdout, exit 0; a usage error on stderr, exit 64; a command
  /// failure, exit 1), with a usage error's message made safe for the terminal: it may quote what was typed.
  private static func exit(reporting error: any Error) -> Never {
    let code = exitCode(for: error)
    let message = fullMessage(for: error)
    if code == .success {
      if !message.isEmpty { try? StandardOutput.write(message + "\n") }
    } else if !message.isEmpty {
      Diagnostics.write(TerminalSanitizer.sanitizeLines(message) + "\n")
    }
    Glibc.exit(code.rawValue)
  }
}
