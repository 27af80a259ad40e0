import ArgumentParser
import Foundation
import SystemSupport

/// `--force` for the commands that write a whole directory (`analyze`, `merge`, `evaluate`): the rules for
/// what they may replace are ``DirectoryClaim``'s.
struct DirectoryOutputOptions: ParsableArguments {
  @Flag(name: .long, help: "Replace --out DIR even if it holds files that are not an earlier output of this command (never /, your home, the current directory or one holding an input).")
  var force = false

  /// The claim of a command writing directories of `kind`, reading `inputs`; `command` names the commands
  /// whose outputs it may replace.
  func claim(kind: String, command: String, inputs: [String?]) -> DirectoryClaim {
    DirectoryClaim(kind: kind, command: command, force: force, inputs: inputs.compactMap { $0 })
  }

  /// The claim of `analyze` and `merge`, which write the same kind of directory.
  func analysisClaim(inputs: [String?]) -> DirectoryClaim {
    claim(kind: "analysis", command: "saliency analyze or merge", inputs: inputs)
  }

  /// Fails before any work when `path` may not be written.
  func check(_ path: String, _ claim: DirectoryClaim) throws {
    try AtomicFile.checkDirectory(URL(fileURLWithPath: path), claim: claim)
  }
}
