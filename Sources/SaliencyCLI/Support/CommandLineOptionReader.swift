import ArgumentParser
import Saliency
import SaliencyKit
import SaliencyServer

/// Reads the method fields of an API request by handing them to the same option groups `explain` and `score`
/// parse their flags with (`"erasure": "pad"` is `--erasure=pad`), so every value is checked by the same code
/// and refused with the same message.
struct CommandLineOptionReader: RequestOptionReader {
  func explainPlan(_ fields: MethodFields) throws -> ExplainPlan {
    var arguments: [String] = []
    if let method = fields.method { arguments += Self.arguments("method", .text(method), isFlag: false) }
    if let target = fields.target { arguments += Self.arguments("target", .text(target), isFlag: false) }
    if let maxTokens = fields.maxTokens { arguments += Self.arguments("max-tokens", maxTokens, isFlag: false) }
    for (option, value) in fields.options {
      arguments += Self.arguments(option.rawValue, value, isFlag: option == .normalize)
    }
    let options = try Self.parse(SaliencyOptions<DocumentedDefault>.self, arguments)
    let settings = try Self.message { try options.settings() }
    return ExplainPlan(settings: settings) { model in
      try Self.message {
        try ExplainCommand.checkCompatibility(settings, with: model)
        return Explainer(model: model, methods: try settings.makeMethods(), target: try options.targetChoice(for: model))
      }
    }
  }

  func scoreMaxTokens(_ value: OptionArgument?) throws -> Int {
    try Self.parse(ScoreTokenLimit.self, value.map { Self.arguments("max-tokens", $0, isFlag: false) } ?? []).maxTokens
  }

  /// `--name=value` (so a value starting with a dash stays a value; an empty one is a separate argument, which
  /// `--name=` is not), `--name` for a flag that is true, nothing for one that is false. A Boolean given to an
  /// option that takes a value becomes its text, which the option then refuses as it would on the command line.
  static func arguments(_ name: String, _ value: OptionArgument, isFlag: Bool) -> [String] {
    switch value {
    case .flag(let on) where isFlag: return on ? ["--" + name] : []
    case .flag(let on): return ["--\(name)=\(on)"]
    case .text(let text): return text.isEmpty ? ["--" + name, ""] : ["--\(name)=\(text)"]
    }
  }

  /// The option group parsed (and validated) from `arguments`, or a 400 with argument-parser's message.
  private static func parse<Options: ParsableArguments>(_ type: Options.Type, _ arguments: [String]) throws -> Options {
    do {
      return try Options.parse(arguments)
    } catch {
      throw APIError.badRequest(Options.message(for: error))
    }
  }

  /// `body`, its command-line errors turned into a 400 with their message.
  private static func message<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as APIError {
      throw error
    } catch let error as ValidationError {
      throw APIError.badRequest(error.message)
    } catch {
      throw APIError.badRequest("\(error)")
    }
  }
}
