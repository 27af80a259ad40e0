import Corpus
import CDefaultModels
import LSTMCore

/// The default models compiled into the executable.
public enum EmbeddedModel: String, CaseIterable, Sendable {
  case defaultZH = "default-zh"
  case defaultEN = "default-en"

  /// The model, read from the bytes linked into the binary.
  public func load() throws -> TextModel {
    var size = 0
    let bytes: UnsafePointer<UInt8>? = switch self {
    case .defaultZH: saliency_default_zh_model(&size)
    case .defaultEN: saliency_default_en_model(&size)
    }
    let buffer = UnsafeRawBufferPointer(start: bytes, count: size)
    let archive = try SafetensorsArchive(bytes: buffer, source: "embedded \(rawValue)")
    return try TextModel(archive: archive, name: rawValue, path: nil)
  }

  /// The default for a text without `--model`: `default-zh` when it has a Han-script character
  /// (`containsHanScript`), else `default-en`. Decided per text, in every command.
  public static func `default`(forText text: String?) -> EmbeddedModel {
    text?.containsHanScript == true ? .defaultZH : .defaultEN
  }

  /// The order of the candidates when each text picks its default (`ModelSelection.byScript()`).
  public static let byScriptOrder: [EmbeddedModel] = [.defaultEN, .defaultZH]
}
