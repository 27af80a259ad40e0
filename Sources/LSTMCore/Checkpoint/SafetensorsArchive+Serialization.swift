import Foundation
import SystemSupport

extension SafetensorsArchive {
  /// Header lengths are padded with spaces to a multiple of this, so the data buffer starts 8-byte aligned.
  static let headerAlignment = 8

  /// The archive in safetensors format, byte-for-byte reproducible.
  ///
  /// Layout follows the reference writer (the Rust `safetensors` crate behind `save_file`): compact JSON
  /// (strings escaped by `JSONString`, which also escapes DEL, C1 controls and U+2028/U+2029 where serde_json
  /// writes them raw, and writes `\u0008`/`\u000c` where it writes `\b`/`\f`),
  /// `__metadata__` first (omitted when empty) with keys sorted, then tensors sorted by name (byte order)
  /// with `dtype`, `shape`, `data_offsets` in that order, data laid out in the same order, header padded with
  /// spaces so the data starts at a multiple of 8. Values are written as little-endian F32. Reading a file
  /// written by PyTorch's `save_file` and serializing it again therefore gives back the same bytes.
  ///
  /// - Complexity: O(total size).
  public func serialized() -> [UInt8] {
    let ordered = tensors.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }

    var fields: [String] = []
    fields.reserveCapacity(ordered.count + 1)
    if !metadata.isEmpty {
      let keys = metadata.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      let pairs = keys.map { key in
        JSONString.quoted(key) + ":" + JSONString.quoted(metadata[key] ?? "")
      }
      fields.append(JSONString.quoted(SafetensorsHeader.metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
    }
    let elementSize = SafetensorsDType.f32.byteSize
    var offset = 0
    for tensor in ordered {
      let end = offset + tensor.values.count * elementSize
      fields.append(
        JSONString.quoted(tensor.name) + ":{\"dtype\":\"" + SafetensorsDType.f32.rawValue
          + "\",\"shape\":" + Self.jsonArray(tensor.shape)
          + ",\"data_offsets\":" + Self.jsonArray([offset, end]) + "}")
      offset = end
    }
    var header = Array(("{" + fields.joined(separator: ",") + "}").utf8)
    let padding = (Self.headerAlignment - header.count % Self.headerAlignment) % Self.headerAlignment
    header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))

    let prefixSize = MemoryLayout<UInt64>.size
    let total = prefixSize + header.count + offset
    return [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
      let raw = UnsafeMutableRawBufferPointer(buffer)
      raw.storeBytes(of: UInt64(header.count).littleEndian, as: UInt64.self)
      var position = prefixSize
      header.withUnsafeBytes { bytes in
        UnsafeMutableRawBufferPointer(rebasing: raw[position..<position + bytes.count]).copyMemory(from: bytes)
      }
      position += header.count
      for tensor in ordered {
        for value in tensor.values {
          raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
          position += elementSize
        }
      }
      initialized = total
    }
  }

  /// Writes ``serialized()`` to `url` atomically (temporary file, fsync, rename): readers see the old file
  /// or the new one, never a mix, and a failed write leaves the old file untouched.
  ///
  /// - Throws: ``AtomicFileError`` naming the path and the reason.
  public func write(to url: URL) throws {
    try AtomicFile.write(serialized(), to: url)
  }

  /// `[3,24]`: an integer array without spaces.
  static func jsonArray(_ values: [Int]) -> String {
    "[" + values.map(String.init).joined(separator: ",") + "]"
  }
}
