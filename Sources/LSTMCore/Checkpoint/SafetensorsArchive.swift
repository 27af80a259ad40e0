import Foundation
import SystemSupport

/// A set of named float32 tensors plus string metadata, read from or written to the
/// [safetensors](https://github.com/huggingface/safetensors) format — the model file of `saliency`.
///
/// The model layer stores PyTorch `state_dict` names (`embedding.weight [V,E]`, `lstm.weight_ih_l0 [4H,E]`,
/// …, see `shared/interface.md`); other modules keep their own entries (labels, vocabulary, tokenizer
/// settings) as JSON-encoded strings in ``metadata``. This type knows nothing about either: it only
/// guarantees that what it holds is well-formed.
///
/// Invariants (checked by every initializer, so ``serialized()`` cannot fail):
/// - tensor names are unique and none is `__metadata__`;
/// - each tensor's `values.count` equals the product of its non-negative `shape`;
/// - every value is finite (a NaN or infinity in a model is always a bug worth stopping for).
///
/// Reading accepts F32, F64, F16 and BF16 data and converts it to `Float`; writing always produces F32.
public struct SafetensorsArchive: Sendable, Equatable {
  /// One named tensor, row-major, as `Float`.
  public struct Tensor: Sendable, Equatable {
    /// The tensor's name, e.g. `"lstm.weight_ih_l0"`.
    public let name: String
    /// Dimensions, outermost first; `[]` for a scalar.
    public let shape: [Int]
    /// `shape.reduce(1, *)` values in row-major order.
    public let values: [Float]

    /// Creates a tensor after checking that `shape` and `values` agree.
    /// - Throws: ``CheckpointError/invalidTensor(source:tensor:detail:)`` for a negative dimension, a
    ///   count mismatch, or the reserved name `__metadata__`.
    public init(name: String, shape: [Int], values: [Float]) throws {
      func invalid(_ detail: String) -> CheckpointError {
        .invalidTensor(source: SafetensorsArchive.inMemorySource, tensor: name, detail: detail)
      }
      guard name != SafetensorsHeader.metadataKey else {
        throw invalid("the name \(SafetensorsHeader.metadataKey) is reserved for metadata")
      }
      var count = 1
      for size in shape {
        guard size >= 0 else { throw invalid("shape \(CheckpointError.format(shape)) has a negative dimension") }
        let (product, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow else { throw invalid("shape \(CheckpointError.format(shape)) has too many elements") }
        count = product
      }
      guard count == values.count else {
        throw invalid("shape \(CheckpointError.format(shape)) holds \(count) values but \(values.count) were given")
      }
      self.init(unchecked: name, shape: shape, values: values)
    }

    /// For the reader, which has validated shape and count already.
    init(unchecked name: String, shape: [Int], values: [Float]) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// Header length prefixes above this (100 MB) are treated as corruption rather than allocated.
  public static let maximumHeaderLength = 100_000_000

  /// The `source` of archives built in memory.
  public static let inMemorySource = "in-memory archive"

  /// The tensors: in data-buffer order when read from a file, in the given order when built.
  public let tensors: [Tensor]

  /// String metadata (`__metadata__`). Structured values are JSON-encoded strings by convention.
  public var metadata: [String: String]

  /// The file path or buffer name this archive was read from, used in error messages;
  /// ``inMemorySource`` for archives built in memory. Not part of equality.
  public let source: String

  /// Tensor index by name.
  private let indexByName: [String: Int]

  /// Builds an archive from tensors and metadata.
  ///
  /// - Parameter source: the name used in error messages (and by ``require(_:shape:)``).
  /// - Throws: ``CheckpointError/duplicateTensor(source:name:)`` or
  ///   ``CheckpointError/nonFiniteValue(source:tensor:index:value:)``.
  /// - Complexity: O(total number of values), for the finiteness check.
  public init(tensors: [Tensor], metadata: [String: String] = [:], source: String = SafetensorsArchive.inMemorySource) throws {
    for tensor in tensors {
      if let index = Self.firstNonFiniteIndex(tensor.values) {
        throw CheckpointError.nonFiniteValue(
          source: source, tensor: tensor.name, index: index, value: Self.describeNonFinite(tensor.values[index]))
      }
    }
    try self.init(validated: tensors, metadata: metadata, source: source)
  }

  /// Shared tail of the initializers: indexes the tensors and rejects duplicate names.
  private init(validated tensors: [Tensor], metadata: [String: String], source: String) throws {
    var index: [String: Int] = [:]
    index.reserveCapacity(tensors.count)
    for (position, tensor) in tensors.enumerated() {
      guard index.updateValue(position, forKey: tensor.name) == nil else {
        throw CheckpointError.duplicateTensor(source: source, name: tensor.name)
      }
    }
    self.tensors = tensors
    self.metadata = metadata
    self.source = source
    self.indexByName = index
  }

  /// Reads a safetensors file.
  ///
  /// - Throws: ``CheckpointError``: ``CheckpointError/fileNotFound(source:)``,
  ///   ``CheckpointError/isDirectory(source:)``, ``CheckpointError/unreadable(source:reason:)``, or any
  ///   format error of ``init(bytes:source:)`` with `source` set to the path.
  /// - Complexity: O(file size).
  public init(contentsOf url: URL) throws {
    let path = url.isFileURL ? url.path : url.absoluteString
    guard url.isFileURL else { throw CheckpointError.unreadable(source: path, reason: "not a file URL") }
    let bytes: [UInt8]
    do {
      switch try POSIXFileIO.kind(of: path) {
      case .missing: throw CheckpointError.fileNotFound(source: path)
      case .directory: throw CheckpointError.isDirectory(source: path)
      case .regularFile, .other: break
      }
      bytes = try POSIXFileIO.readAll(path)
    } catch let failure as POSIXFileIO.Failure {
      if failure.isMissing { throw CheckpointError.fileNotFound(source: path) }
      if failure.isDirectory { throw CheckpointError.isDirectory(source: path) }
      throw CheckpointError.unreadable(source: path, reason: failure.reason)
    }
    try self.init(bytes: bytes, source: path)
  }

  /// Parses a safetensors buffer, e.g. a model embedded in the executable.
  ///
  /// The bytes are read in place (no copy of the buffer); only the converted `Float` values are allocated.
  ///
  /// - Parameters:
  ///   - bytes: the whole buffer, starting with the 8-byte header length. `[UInt8]`, `Data` and
  ///     `UnsafeRawBufferPointer` all qualify.
  ///   - source: a name for error messages, such as a path or `"embedded default-en"`.
  /// - Throws: ``CheckpointError`` naming `source` for any malformed header, unsupported dtype,
  ///   inconsistent offsets, non-string metadata, duplicate name, or non-finite value.
  /// - Complexity: O(buffer size).
  public init(bytes: some ContiguousBytes, source: String) throws {
    let parsed: Result<([Tensor], [String: String]), any Error> = bytes.withUnsafeBytes { raw in
      Result { try Self.decode(raw, source: source) }
    }
    let (tensors, metadata) = try parsed.get()
    try self.init(validated: tensors, metadata: metadata, source: source)
  }

  /// Validates the header, converts every tensor to `Float` and checks the values are finite.
  private static func decode(_ raw: UnsafeRawBufferPointer, source: String) throws -> ([Tensor], [String: String]) {
    let header = try SafetensorsHeader.parse(raw, source: source, maximumHeaderLength: maximumHeaderLength)
    var tensors: [Tensor] = []
    tensors.reserveCapacity(header.entries.count)
    for entry in header.entries {
      let start = header.dataStart + entry.range.lowerBound
      let data = UnsafeRawBufferPointer(rebasing: raw[start..<start + entry.range.count])
      let values = entry.dtype.decode(data, count: entry.elementCount)
      if let index = firstNonFiniteIndex(values) {
        if entry.dtype == .f64 {
          let original = SafetensorsDType.double(at: index, in: data)
          if original.isFinite {
            throw CheckpointError.float32Overflow(source: source, tensor: entry.name, index: index, value: original)
          }
        }
        throw CheckpointError.nonFiniteValue(
          source: source, tensor: entry.name, index: index, value: describeNonFinite(values[index]))
      }
      tensors.append(Tensor(unchecked: entry.name, shape: entry.shape, values: values))
    }
    return (tensors, header.metadata)
  }

  // MARK: Lookup

  /// Tensor names in ``tensors`` order.
  public var tensorNames: [String] { tensors.map(\.name) }

  /// The tensor called `name`, or `nil`.
  /// - Complexity: O(1) on average.
  public func tensor(named name: String) -> Tensor? {
    indexByName[name].map { tensors[$0] }
  }

  /// The values of tensor `name`, which must have exactly `shape`.
  ///
  /// - Throws: ``CheckpointError/missingTensor(source:name:available:)`` or
  ///   ``CheckpointError/shapeMismatch(source:name:expected:actual:)``, naming ``source``.
  public func require(_ name: String, shape: [Int]) throws -> [Float] {
    guard let tensor = tensor(named: name) else {
      throw CheckpointError.missingTensor(source: source, name: name, available: tensorNames.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }
    guard tensor.shape == shape else {
      throw CheckpointError.shapeMismatch(source: source, name: name, expected: shape, actual: tensor.shape)
    }
    return tensor.values
  }

  // MARK: Equality

  /// Same tensors in the same order with the same values, and the same metadata; ``source`` is ignored.
  public static func == (lhs: SafetensorsArchive, rhs: SafetensorsArchive) -> Bool {
    lhs.tensors == rhs.tensors && lhs.metadata == rhs.metadata
  }

  // MARK: Value checks

  /// Flat index of the first NaN or infinity.
  static func firstNonFiniteIndex(_ values: [Float]) -> Int? {
    values.firstIndex { !$0.isFinite }
  }

  /// "NaN", "+Inf" or "-Inf".
  static func describeNonFinite(_ value: Float) -> String {
    value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf")
  }
}
