/// The bytes libFuzzer hands to `LLVMFuzzerTestOneInput`, with helpers for cutting them into fields.
public struct FuzzInput {
  /// The whole input.
  public let bytes: [UInt8]

  /// Copies `size` bytes at `data` (`data` may be nil when `size` is 0).
  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    if let data, size > 0 {
      bytes = Array(UnsafeBufferPointer(start: data, count: size))
    } else {
      bytes = []
    }
  }

  /// 0xFF never occurs in UTF-8, so it separates fields without limiting what a field's text can be.
  public static let separator: UInt8 = 0xFF

  /// The first byte (0 for an empty input), used as a bit set of settings, and the rest.
  public var flagsAndBody: (flags: UInt8, body: ArraySlice<UInt8>) {
    guard let first = bytes.first else { return (0, []) }
    return (first, bytes.dropFirst())
  }

  /// `body` cut at every ``separator``: exactly `count` fields, the last holding any remaining separators;
  /// missing fields are empty.
  public static func fields(of body: ArraySlice<UInt8>, count: Int) -> [ArraySlice<UInt8>] {
    var parts = body.split(separator: separator, maxSplits: count - 1, omittingEmptySubsequences: false)
    while parts.count < count { parts.append([]) }
    return parts
  }
}
