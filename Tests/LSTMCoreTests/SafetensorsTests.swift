import Foundation
import LSTMCore
import SystemSupport
import Testing

// MARK: Helpers

/// A safetensors buffer assembled by hand: length prefix, header text as given, then `data`.
private func rawSafetensors(header: String, data: [UInt8] = []) -> [UInt8] {
  let headerBytes = Array(header.utf8)
  return rawSafetensors(headerBytes: headerBytes, data: data)
}

private func rawSafetensors(headerBytes: [UInt8], data: [UInt8] = [], declaredLength: UInt64? = nil) -> [UInt8] {
  let length = declaredLength ?? UInt64(headerBytes.count)
  return withUnsafeBytes(of: length.littleEndian, Array.init) + headerBytes + data
}

/// Little-endian bytes of fixed-width values.
private func littleEndianBytes(_ values: [Float]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }
private func littleEndianBytes(_ values: [Double]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }
private func littleEndianBytes(_ values: [UInt16]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) } }

/// One tensor entry of a hand-written header.
private func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int) -> String {
  "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
}

/// A fresh directory under the system temporary directory, removed by the caller.
private func makeScratchDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("saliency-safetensors-tests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
  return url
}

private func fixtureURL() throws -> URL {
  ReferenceForwardTests.fixtures.appendingPathComponent("model.safetensors")
}

private func sampleArchive() throws -> SafetensorsArchive {
  try SafetensorsArchive(
    tensors: [
      .init(name: "lstm.weight_ih_l0", shape: [4, 2], values: [1, -2, 3.5, -4.25, 0, -0, .leastNonzeroMagnitude, .greatestFiniteMagnitude]),
      .init(name: "fc.bias", shape: [3], values: [0.1, 0.2, 0.3]),
      .init(name: "scalar", shape: [], values: [42]),
      .init(name: "empty", shape: [0, 5], values: []),
      .init(name: "embedding.weight", shape: [2, 3], values: [0, 0, 0, 1e-7, -1e7, 3.14159]),
    ],
    metadata: [
      "saliency.format_version": "1",
      "saliency.labels": #"["negative","positive"]"#,
      "quotes \" and \\ backslash": "line\nbreak\ttab\u{01}control",
      "unicode 屏幕": "😀 é",
      "": "empty key",
    ])
}

// MARK: Round trip and reproducibility

@Suite("Safetensors archive")
struct SafetensorsTests {
  @Test("serialize → parse gives the same tensors and metadata")
  func roundTrip() throws {
    let archive = try sampleArchive()
    let bytes = archive.serialized()
    let reread = try SafetensorsArchive(bytes: bytes, source: "roundtrip")
    // Read order is data order, which the writer makes name order.
    #expect(reread.tensorNames == ["embedding.weight", "empty", "fc.bias", "lstm.weight_ih_l0", "scalar"])
    #expect(reread.metadata == archive.metadata)
    for tensor in archive.tensors {
      let copy = try #require(reread.tensor(named: tensor.name))
      #expect(copy.shape == tensor.shape)
      #expect(copy.values.map(\.bitPattern) == tensor.values.map(\.bitPattern), "tensor \(tensor.name)")
    }
    #expect(reread.source == "roundtrip")
    #expect(try SafetensorsArchive(bytes: reread.serialized(), source: "again") == reread)
  }

  @Test("output is byte-for-byte reproducible and independent of insertion order")
  func byteReproducible() throws {
    let archive = try sampleArchive()
    let shuffled = try SafetensorsArchive(tensors: archive.tensors.reversed(), metadata: archive.metadata)
    #expect(archive.serialized() == archive.serialized())
    #expect(archive.serialized() == shuffled.serialized())
    var metadataRebuilt: [String: String] = [:]
    for key in archive.metadata.keys.sorted().reversed() { metadataRebuilt[key] = archive.metadata[key] }
    let rebuilt = try SafetensorsArchive(tensors: archive.tensors, metadata: metadataRebuilt)
    #expect(rebuilt.serialized() == archive.serialized())
  }

  @Test("header layout matches the reference writer: compact JSON, sorted, space-padded to 8 bytes")
  func headerLayout() throws {
    let archive = try SafetensorsArchive(
      tensors: [.init(name: "b", shape: [2], values: [1, 2]), .init(name: "a", shape: [1, 1], values: [3])],
      metadata: ["z": "1", "format": "pt"])
    let bytes = archive.serialized()
    let headerLength = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
    #expect((8 + headerLength) % 8 == 0)
    let header = String(decoding: bytes[8..<8 + headerLength], as: UTF8.self)
    let expected = #"{"__metadata__":{"format":"pt","z":"1"},"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
    #expect(header.trimmingCharacters(in: .whitespaces) == expected)
    #expect(header.hasPrefix(expected))
    #expect(Array(bytes[(8 + headerLength)...]) == littleEndianBytes([Float(3), 1, 2]))

    let withoutMetadata = try SafetensorsArchive(tensors: [.init(name: "x", shape: [], values: [1])])
    let plain = String(decoding: withoutMetadata.serialized().dropFirst(8), as: UTF8.self)
    #expect(plain.hasPrefix(#"{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}"#))
  }

  @Test("write(to:) and init(contentsOf:) round-trip through a file")
  func fileRoundTrip() throws {
    let directory = try makeScratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    let archive = try sampleArchive()
    try archive.write(to: url)
    let reread = try SafetensorsArchive(contentsOf: url)
    #expect(reread.metadata == archive.metadata)
    #expect(reread.source == url.path)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
    #expect(try Data(contentsOf: url) == Data(archive.serialized()))
  }

  @Test("write(to:) into a missing directory throws AtomicFileError")
  func writeIntoMissingDirectory() throws {
    let directory = try makeScratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("missing/model.safetensors")
    #expect(throws: AtomicFileError.parentDirectoryMissing(path: url.path, parent: directory.appendingPathComponent("missing").path)) {
      try sampleArchive().write(to: url)
    }
  }

  // MARK: PyTorch fixture

  @Test("reads the PyTorch-exported fixture and reproduces its bytes exactly")
  func pytorchFixture() throws {
    let url = try fixtureURL()
    let archive = try SafetensorsArchive(contentsOf: url)
    let expected: [(String, [Int])] = [
      ("embedding.weight", [500, 16]), ("lstm.weight_ih_l0", [96, 16]), ("lstm.weight_hh_l0", [96, 24]),
      ("lstm.bias_ih_l0", [96]), ("lstm.bias_hh_l0", [96]), ("fc.weight", [3, 24]), ("fc.bias", [3]),
    ]
    #expect(archive.tensors.count == expected.count)
    for (name, shape) in expected {
      let values = try archive.require(name, shape: shape)
      #expect(values.count == shape.reduce(1, *))
    }
    #expect(archive.metadata == ["format": "pt"])
    let embedding = try archive.require("embedding.weight", shape: [500, 16])
    #expect(embedding[0..<16].allSatisfy { $0 == 0 }, "row 0 (<pad>) is all zeros")
    #expect(embedding[16..<32].contains { $0 != 0 })

    let original = try Data(contentsOf: url)
    #expect(Data(archive.serialized()) == original, "re-serializing a save_file output reproduces it")
    #expect(try SafetensorsArchive(bytes: original, source: "fixture") == archive)
    let fromPointer = try original.withUnsafeBytes { try SafetensorsArchive(bytes: $0, source: "embedded") }
    #expect(fromPointer == archive)
  }

  // MARK: Lookup

  @Test("require checks name and shape with precise messages")
  func requireShape() throws {
    let archive = try SafetensorsArchive(contentsOf: try fixtureURL())
    #expect(try archive.require("fc.bias", shape: [3]).count == 3)
    #expect(archive.tensor(named: "fc.weight")?.shape == [3, 24])
    #expect(archive.tensor(named: "nope") == nil)

    let mismatch = #expect(throws: CheckpointError.self) { try archive.require("fc.weight", shape: [24, 3]) }
    #expect(mismatch == .shapeMismatch(source: archive.source, name: "fc.weight", expected: [24, 3], actual: [3, 24]))
    #expect(mismatch?.description.contains("tensor 'fc.weight' has shape [3, 24], expected [24, 3]") == true)

    let missing = #expect(throws: CheckpointError.self) { try archive.require("decoder.weight", shape: [1]) }
    #expect(missing?.description.contains("no tensor named 'decoder.weight'") == true)
    #expect(missing?.description.contains("embedding.weight, fc.bias, fc.weight") == true)
  }

  // MARK: Building

  @Test("building validates shapes, names and values")
  func constructionValidation() throws {
    #expect(throws: CheckpointError.invalidTensor(source: SafetensorsArchive.inMemorySource, tensor: "w", detail: "shape [2, 3] holds 6 values but 5 were given")) {
      try SafetensorsArchive.Tensor(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5])
    }
    #expect(throws: CheckpointError.self) { try SafetensorsArchive.Tensor(name: "w", shape: [-1], values: []) }
    #expect(throws: CheckpointError.self) { try SafetensorsArchive.Tensor(name: "__metadata__", shape: [], values: [1]) }
    let tensor = try SafetensorsArchive.Tensor(name: "w", shape: [1], values: [1])
    #expect(throws: CheckpointError.duplicateTensor(source: "model", name: "w")) {
      try SafetensorsArchive(tensors: [tensor, tensor], source: "model")
    }
    let nan = try SafetensorsArchive.Tensor(name: "h", shape: [3], values: [0, .nan, 1])
    #expect(throws: CheckpointError.nonFiniteValue(source: SafetensorsArchive.inMemorySource, tensor: "h", index: 1, value: "NaN")) {
      try SafetensorsArchive(tensors: [nan])
    }
  }

  // MARK: Conversion

  @Test("F64, F16 and BF16 tensors are converted to Float")
  func dtypeConversion() throws {
    let f64: [Double] = [1.5, -2.25, 1e-3, 0]
    let f16: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x8000, 0x3555, 0x0400]
    let bf16: [UInt16] = [0x3F80, 0xC040, 0x7F7F, 0x0000]
    let data = littleEndianBytes(f64) + littleEndianBytes(f16) + littleEndianBytes(bf16)
    let header = "{" + [
      entry("d", "F64", [2, 2], 0, 32),
      entry("h", "F16", [7], 32, 46),
      entry("b", "BF16", [4], 46, 54),
    ].joined(separator: ",") + "}"
    let archive = try SafetensorsArchive(bytes: rawSafetensors(header: header, data: data), source: "mixed")
    #expect(archive.tensorNames == ["d", "h", "b"], "data order")
    #expect(try archive.require("d", shape: [2, 2]) == [1.5, -2.25, Float(1e-3), 0])
    let half = try archive.require("h", shape: [7])
    #expect(half == [1, -2, 65504, 0x1p-24, 0, 0.333251953125, 0x1p-14])
    #expect(half[4].sign == .minus, "negative zero keeps its sign")
    #expect(try archive.require("b", shape: [4]) == [1, -3, Float(bitPattern: 0x7F7F_0000), 0])

    // Writing always produces F32.
    let bytes = archive.serialized()
    let rewritten = try SafetensorsArchive(bytes: bytes, source: "rewritten")
    for tensor in archive.tensors {
      #expect(rewritten.tensor(named: tensor.name) == tensor)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.contains(#""F64""#) && !text.contains(#""F16""#) && !text.contains(#""BF16""#))
  }

  #if !(os(macOS) && arch(x86_64))
  @Test("F16 conversion agrees with Float16 for every finite bit pattern")
  func halfExhaustive() throws {
    let patterns = (0...UInt16.max).filter { $0 & 0x7C00 != 0x7C00 }
    let header = "{" + entry("all", "F16", [patterns.count], 0, patterns.count * 2) + "}"
    let archive = try SafetensorsArchive(bytes: rawSafetensors(header: header, data: littleEndianBytes(patterns)), source: "f16")
    let values = try archive.require("all", shape: [patterns.count])
    let reference = patterns.map { Float(Float16(bitPattern: $0)) }
    #expect(values.map(\.bitPattern) == reference.map(\.bitPattern))
  }
  #endif

  // MARK: Rejections

  /// A corrupted buffer and the exact error it must produce.
  struct Corruption: Sendable, CustomTestStringConvertible {
    var label: String
    var bytes: [UInt8]
    var expected: CheckpointError
    var testDescription: String { label }
  }

  static let source = "bad.safetensors"

  static let corruptions: [Corruption] = {
    let four = littleEndianBytes([Float(1), 2, 3, 4])
    func header(_ text: String, data: [UInt8] = four) -> [UInt8] { rawSafetensors(header: text, data: data) }
    let source = SafetensorsTests.source
    func entryError(_ tensor: String, _ detail: String) -> CheckpointError {
      .invalidTensorEntry(source: source, tensor: tensor, detail: detail)
    }
    let valid = entry("w", "F32", [4], 0, 16)
    return [
      Corruption(label: "empty file", bytes: [], expected: .tooShort(source: source, size: 0)),
      Corruption(label: "shorter than 8 bytes", bytes: [1, 0, 0], expected: .tooShort(source: source, size: 3)),
      Corruption(
        label: "header length beyond the file", bytes: rawSafetensors(headerBytes: Array("{}".utf8), declaredLength: 1000),
        expected: .headerLengthExceedsFile(source: source, headerLength: 1000, available: 2)),
      Corruption(
        label: "absurd header length", bytes: rawSafetensors(headerBytes: [], declaredLength: UInt64.max),
        expected: .headerTooLarge(source: source, headerLength: UInt64.max, limit: 100_000_000)),
      Corruption(
        label: "header not UTF-8", bytes: rawSafetensors(headerBytes: [0x7B, 0xFF, 0xFE, 0x7D]),
        expected: .headerNotUTF8(source: source)),
      Corruption(
        label: "empty header", bytes: rawSafetensors(headerBytes: []),
        expected: .headerNotJSON(source: source, detail: "unexpected end of header, expected a value at byte 0 of the header")),
      Corruption(
        label: "truncated JSON", bytes: header(#"{"w": "#),
        expected: .headerNotJSON(source: source, detail: "unexpected end of header, expected a value at byte 6 of the header")),
      Corruption(
        label: "trailing garbage", bytes: header("{" + valid + "} x"),
        expected: .headerNotJSON(source: source, detail: "unexpected 'x' after the end of the value at byte \(valid.utf8.count + 3) of the header")),
      Corruption(
        label: "lone surrogate", bytes: header(#"{"\ud800": 1}"#),
        expected: .headerNotJSON(source: source, detail: "unpaired UTF-16 surrogate in \\u escape at byte 2 of the header")),
      Corruption(
        label: "deep nesting", bytes: header(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)),
        expected: .headerNotJSON(source: source, detail: "nesting deeper than 64 levels at byte 64 of the header")),
      Corruption(
        label: "header is an array", bytes: header("[1, 2]"), expected: .headerNotObject(source: source, found: "array")),
      Corruption(
        label: "entry is a number", bytes: header(#"{"w": 3}"#),
        expected: entryError("w", "entry is a JSON number, expected an object with dtype, shape and data_offsets")),
      Corruption(
        label: "missing dtype", bytes: header(#"{"w": {"shape": [4], "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "missing field 'dtype'")),
      Corruption(
        label: "missing shape", bytes: header(#"{"w": {"dtype": "F32", "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "missing field 'shape'")),
      Corruption(
        label: "missing data_offsets", bytes: header(#"{"w": {"dtype": "F32", "shape": [4]}}"#),
        expected: entryError("w", "missing field 'data_offsets'")),
      Corruption(
        label: "dtype not a string", bytes: header(#"{"w": {"dtype": 32, "shape": [4], "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "dtype is a JSON number (32), expected a string such as \"F32\"")),
      Corruption(
        label: "integer dtype", bytes: header("{" + entry("w", "I64", [2], 0, 16) + "}"),
        expected: .unsupportedDType(source: source, tensor: "w", dtype: "I64")),
      Corruption(
        label: "unknown dtype", bytes: header("{" + entry("w", "Q4", [2], 0, 16) + "}"),
        expected: .unsupportedDType(source: source, tensor: "w", dtype: "Q4")),
      Corruption(
        label: "negative dimension", bytes: header("{" + entry("w", "F32", [-4], 0, 16) + "}"),
        expected: entryError("w", "shape[0] is -4, expected a non-negative integer")),
      Corruption(
        label: "fractional dimension", bytes: header(#"{"w": {"dtype": "F32", "shape": [2, 2.0], "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "shape[1] is 2.0, expected a non-negative integer")),
      Corruption(
        label: "dimension too large for Int", bytes: header(#"{"w": {"dtype": "F32", "shape": [99999999999999999999], "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "shape[0] is 99999999999999999999, expected a non-negative integer")),
      Corruption(
        label: "element count overflows", bytes: header(#"{"w": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "shape [4294967296,4294967296] has too many elements")),
      Corruption(
        label: "shape not an array", bytes: header(#"{"w": {"dtype": "F32", "shape": "4", "data_offsets": [0, 16]}}"#),
        expected: entryError("w", "shape is a JSON string (\"4\"), expected an array of non-negative integers")),
      Corruption(
        label: "fractional offset", bytes: header(#"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 1.5]}}"#),
        expected: entryError("w", "data_offsets [0,1.5] must be two non-negative integers")),
      Corruption(
        label: "negative offset", bytes: header(#"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [-16, 0]}}"#),
        expected: entryError("w", "data_offsets [-16,0] must be two non-negative integers")),
      Corruption(
        label: "three offsets", bytes: header(#"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8, 16]}}"#),
        expected: entryError("w", "data_offsets is [0,8,16], expected [begin, end]")),
      Corruption(
        label: "offsets reversed", bytes: header("{" + entry("w", "F32", [0], 16, 0) + "}"),
        expected: entryError("w", "data_offsets [16, 0] end before they begin")),
      Corruption(
        label: "truncated data", bytes: header("{" + valid + "}", data: Array(four.prefix(10))),
        expected: .offsetsOutOfRange(source: source, tensor: "w", begin: 0, end: 16, bufferSize: 10)),
      Corruption(
        label: "offsets beyond the buffer", bytes: header("{" + entry("w", "F32", [4], 8, 24) + "}"),
        expected: .offsetsOutOfRange(source: source, tensor: "w", begin: 8, end: 24, bufferSize: 16)),
      Corruption(
        label: "offsets disagree with shape", bytes: header("{" + entry("w", "F32", [3], 0, 16) + "}"),
        expected: .sizeMismatch(source: source, tensor: "w", dtype: "F32", shape: [3], expectedBytes: 12, actualBytes: 16)),
      Corruption(
        label: "overlapping tensors", bytes: header("{" + entry("b", "F32", [2], 4, 12) + "," + entry("a", "F32", [2], 0, 8) + "}"),
        expected: .offsetsOverlap(source: source, first: "a", second: "b")),
      Corruption(
        label: "duplicate tensor", bytes: header("{" + entry("w", "F32", [2], 0, 8) + "," + entry("w", "F32", [2], 8, 16) + "}"),
        expected: .duplicateTensor(source: source, name: "w")),
      Corruption(
        label: "metadata value not a string", bytes: header(#"{"__metadata__": {"epochs": 3}, "# + valid + "}"),
        expected: .invalidMetadata(source: source, detail: "__metadata__ value for key 'epochs' is a JSON number (3), expected a string")),
      Corruption(
        label: "metadata not an object", bytes: header(#"{"__metadata__": ["pt"], "# + valid + "}"),
        expected: .invalidMetadata(source: source, detail: "__metadata__ is a JSON array, expected an object")),
      Corruption(
        label: "NaN", bytes: header("{" + valid + "}", data: littleEndianBytes([Float(1), 2, .nan, 4])),
        expected: .nonFiniteValue(source: source, tensor: "w", index: 2, value: "NaN")),
      Corruption(
        label: "+Inf", bytes: header("{" + valid + "}", data: littleEndianBytes([Float.infinity, 2, 3, 4])),
        expected: .nonFiniteValue(source: source, tensor: "w", index: 0, value: "+Inf")),
      Corruption(
        label: "-Inf in BF16", bytes: header("{" + entry("w", "BF16", [2], 0, 4) + "}", data: littleEndianBytes([UInt16(0x3F80), 0xFF80])),
        expected: .nonFiniteValue(source: source, tensor: "w", index: 1, value: "-Inf")),
      Corruption(
        label: "Inf in F16", bytes: header("{" + entry("w", "F16", [1], 0, 2) + "}", data: littleEndianBytes([UInt16(0x7C00)])),
        expected: .nonFiniteValue(source: source, tensor: "w", index: 0, value: "+Inf")),
      Corruption(
        label: "F64 beyond Float32", bytes: header("{" + entry("w", "F64", [2], 0, 16) + "}", data: littleEndianBytes([1.0, -1e300])),
        expected: .float32Overflow(source: source, tensor: "w", index: 1, value: -1e300)),
    ]
  }()

  @Test("corrupt buffers are rejected with a precise one-line message", arguments: corruptions)
  func rejects(_ corruption: Corruption) throws {
    let error = #expect(throws: CheckpointError.self) {
      try SafetensorsArchive(bytes: corruption.bytes, source: Self.source)
    }
    #expect(error == corruption.expected)
    let message = try #require(error).description
    #expect(message.hasPrefix(Self.source + ": "))
    #expect(!message.contains("\n"))
  }

  @Test("a missing file and a directory are rejected by name")
  func rejectsMissingFileAndDirectory() throws {
    let directory = try makeScratchDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let missing = directory.appendingPathComponent("nope.safetensors")
    #expect(throws: CheckpointError.fileNotFound(source: missing.path)) { try SafetensorsArchive(contentsOf: missing) }
    #expect(throws: CheckpointError.isDirectory(source: directory.path)) { try SafetensorsArchive(contentsOf: directory) }
    let belowFile = directory.appendingPathComponent("file")
    try Data([1, 2, 3]).write(to: belowFile)
    #expect(throws: CheckpointError.tooShort(source: belowFile.path, size: 3)) { try SafetensorsArchive(contentsOf: belowFile) }
    let inside = belowFile.appendingPathComponent("x.safetensors")
    #expect(throws: CheckpointError.fileNotFound(source: inside.path)) { try SafetensorsArchive(contentsOf: inside) }
    let error = #expect(throws: CheckpointError.self) { try SafetensorsArchive(contentsOf: missing) }
    #expect(error?.description == "\(missing.path): no such file; check the path")
  }

  @Test("control characters from a corrupt file never reach the message raw")
  func messagesEscapeControlCharacters() throws {
    let header = "{" + entry("a\\u001b[31mb", "I8", [1], 0, 1) + "}"
    let error = #expect(throws: CheckpointError.self) {
      try SafetensorsArchive(bytes: rawSafetensors(header: header, data: [0]), source: "evil")
    }
    let message = try #require(error).description
    #expect(!message.unicodeScalars.contains { $0.properties.generalCategory == .control })
    #expect(message.contains("a\\u{1B}[31mb"))
  }

  @Test("gaps between tensors and extra entry fields are tolerated")
  func lenientLayout() throws {
    let data = littleEndianBytes([Float(1), 2, 3])
    let header = #"{"b": {"dtype": "F32", "shape": [1], "data_offsets": [8, 12], "note": "x"}, "a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#
    let archive = try SafetensorsArchive(bytes: rawSafetensors(header: header, data: data), source: "gappy")
    #expect(archive.tensorNames == ["a", "b"])
    #expect(archive.tensor(named: "b")?.values == [3])
  }
}
