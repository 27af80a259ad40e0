import ArgumentParser
import LSTMCore

/// `saliency`: train an LSTM text classifier and explain its predictions word by word.
@main
struct SaliencyCommand: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "saliency",
    abstract: "Explain which words drive an LSTM text classifier's predictions.",
    version: version,
    subcommands: [ExplainCommand.self, ScoreCommand.self, TrainCommand.self, InfoCommand.self, ReportCommand.self,
                  AnalyzeCommand.self, MergeCommand.self, EvaluateCommand.self],
    defaultSubcommand: nil
  )

  /// Selects fast BLAS kernels (which may re-execute the process once), guards closed standard streams, then runs the command line.
  static func main() {
    BLASKernelSelection.reexecuteWithFasterKernelsIfNeeded()
    StandardOutput.prepare()
    MemoryReuse.keepFreedMemory()
    main(nil)
  }
}
