import SystemSupport

/// Why a safetensors checkpoint could not be read, built or queried.
///
/// Every case carries `source` — the file path, or the name given to an in-memory buffer (for
/// example `"embedded default-en"`) — and its ``description`` is one line of the form
/// `"<source>: <what is wrong>; <how to fix it>"`, ready for stderr.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
  // MARK: The file itself
  /// Nothing exists at the path.
  case fileNotFound(source: String)
  /// The path names a directory.
  case isDirectory(source: String)
  /// The file exists but could not be read (`reason` is the OS's, e.g. "permission denied").
  case unreadable(source: String, reason: String)
  /// Fewer than the 8 bytes that hold the header length.
  case tooShort(source: String, size: Int)

  // MARK: The header
  /// The header length prefix points beyond the end of the file.
  case headerLengthExceedsFile(source: String, headerLength: UInt64, available: Int)
  /// The header length prefix is implausibly large (see ``SafetensorsArchive/maximumHeaderLength``).
  case headerTooLarge(source: String, headerLength: UInt64, limit: Int)
  /// The header bytes are not UTF-8.
  case headerNotUTF8(source: String)
  /// The header is not JSON; `detail` says what was expected where (byte offset within the header).
  case headerNotJSON(source: String, detail: String)
  /// The header is JSON but not an object; `found` names the JSON kind.
  case headerNotObject(source: String, found: String)
  /// A tensor entry is malformed (missing or mistyped `dtype`, `shape`, `data_offsets`).
  case invalidTensorEntry(source: String, tensor: String, detail: String)
  /// A dtype this reader does not convert (integer, boolean, 8-bit float, or unknown).
  case unsupportedDType(source: String, tensor: String, dtype: String)
  /// `data_offsets` do not lie within the data buffer.
  case offsetsOutOfRange(source: String, tensor: String, begin: Int, end: Int, bufferSize: Int)
  /// Two tensors claim overlapping bytes of the data buffer.
  case offsetsOverlap(source: String, first: String, second: String)
  /// `data_offsets` span a different number of bytes than shape × dtype size requires.
  case sizeMismatch(source: String, tensor: String, dtype: String, shape: [Int], expectedBytes: Int, actualBytes: Int)
  /// `__metadata__` is not an object of strings.
  case invalidMetadata(source: String, detail: String)
  /// The same tensor name occurs twice.
  case duplicateTensor(source: String, name: String)

  // MARK: The values
  /// A value is NaN or ±infinity; `index` is the flat (row-major) index of the first one.
  case nonFiniteValue(source: String, tensor: String, index: Int, value: String)
  /// A finite F64 value does not fit in Float32.
  case float32Overflow(source: String, tensor: String, index: Int, value: Double)

  // MARK: Building and querying archives
  /// A tensor's shape and values disagree, or its name is reserved.
  case invalidTensor(source: String, tensor: String, detail: String)
  /// ``SafetensorsArchive/require(_:shape:)`` found no tensor with this name.
  case missingTensor(source: String, name: String, available: [String])
  /// ``SafetensorsArchive/require(_:shape:)`` found the tensor with another shape.
  case shapeMismatch(source: String, name: String, expected: [Int], actual: [Int])

  /// The file or buffer the error is about.
  public var source: String {
    switch self {
    case .fileNotFound(let source), .isDirectory(let source), .unreadable(let source, _),
      .tooShort(let source, _), .headerLengthExceedsFile(let source, _, _),
      .headerTooLarge(let source, _, _), .headerNotUTF8(let source), .headerNotJSON(let source, _),
      .headerNotObject(let source, _), .invalidTensorEntry(let source, _, _),
      .unsupportedDType(let source, _, _), .offsetsOutOfRange(let source, _, _, _, _),
      .offsetsOverlap(let source, _, _), .sizeMismatch(let source, _, _, _, _, _),
      .invalidMetadata(let source, _), .duplicateTensor(let source, _),
      .nonFiniteValue(let source, _, _, _), .float32Overflow(let source, _, _, _),
      .invalidTensor(let source, _, _), .missingTensor(let source, _, _),
      .shapeMismatch(let source, _, _, _):
      return source
    }
  }

  /// One line: `"<source>: <problem>; <remedy>"`.
  ///
  /// Names read from a corrupt file may hold control characters; they are shown as `\u{…}` escapes so
  /// the message stays on one line and nothing reaches the terminal as a control sequence.
  public var description: String { OneLineMessage.escapingControlCharacters("\(source): \(problem)") }

  private static let reexport = "re-export the model with safetensors' save_file"
  private static let corrupt = "the file is truncated or corrupt, or not a safetensors file"

  private var problem: String {
    switch self {
    case .fileNotFound:
      return "no such file; check the path"
    case .isDirectory:
      return "is a directory, expected a .safetensors file"
    case .unreadable(_, let reason):
      return "cannot read the file: \(reason)"
    case .tooShort(_, let size):
      return "file is only \(size) byte\(size == 1 ? "" : "s"), too short to hold the 8-byte header length; \(Self.corrupt)"
    case .headerLengthExceedsFile(_, let length, let available):
      return "header length \(length) exceeds the \(available) bytes that follow it; \(Self.corrupt)"
    case .headerTooLarge(_, let length, let limit):
      return "header length \(length) is larger than the \(limit)-byte limit; \(Self.corrupt)"
    case .headerNotUTF8:
      return "header is not valid UTF-8; \(Self.corrupt)"
    case .headerNotJSON(_, let detail):
      return "header is not valid JSON (\(detail)); \(Self.reexport)"
    case .headerNotObject(_, let found):
      return "header is a JSON \(found), expected an object of tensor entries; \(Self.reexport)"
    case .invalidTensorEntry(_, let tensor, let detail):
      return "tensor '\(tensor)': \(detail); \(Self.reexport)"
    case .unsupportedDType(_, let tensor, let dtype):
      return "tensor '\(tensor)' has dtype '\(dtype)', which cannot be read (supported: "
        + SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
        + "); convert it to float32 before saving (tensor.float())"
    case .offsetsOutOfRange(_, let tensor, let begin, let end, let size):
      return "tensor '\(tensor)' has data_offsets [\(begin), \(end)] outside the \(size)-byte data buffer; \(Self.corrupt)"
    case .offsetsOverlap(_, let first, let second):
      return "tensors '\(first)' and '\(second)' overlap in the data buffer; \(Self.reexport)"
    case .sizeMismatch(_, let tensor, let dtype, let shape, let expected, let actual):
      return "tensor '\(tensor)' (\(dtype), shape \(Self.format(shape))) needs \(expected) bytes but its data_offsets span \(actual); \(Self.reexport)"
    case .invalidMetadata(_, let detail):
      return "\(detail); safetensors metadata maps strings to strings (JSON-encode structured values)"
    case .duplicateTensor(_, let name):
      return "tensor name '\(name)' occurs more than once; \(Self.reexport)"
    case .nonFiniteValue(_, let tensor, let index, let value):
      return "tensor '\(tensor)' contains \(value) at flat index \(index); the model diverged or the file is corrupt — retrain or re-export it"
    case .float32Overflow(_, let tensor, let index, let value):
      return "tensor '\(tensor)' holds \(value) at flat index \(index), outside the Float32 range; rescale the weights or export as float32"
    case .invalidTensor(_, let tensor, let detail):
      return "tensor '\(tensor)': \(detail)"
    case .missingTensor(_, let name, let available):
      let list = available.isEmpty ? "it has no tensors" : "it has: " + available.joined(separator: ", ")
      return "no tensor named '\(name)' (\(list)); is this a model exported by saliency or PyTorch's state_dict?"
    case .shapeMismatch(_, let name, let expected, let actual):
      return "tensor '\(name)' has shape \(Self.format(actual)), expected \(Self.format(expected)); the file belongs to a differently configured model"
    }
  }

  /// `[3, 24]` — shapes as PyTorch prints them.
  static func format(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
